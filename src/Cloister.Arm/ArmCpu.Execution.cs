using System.Runtime.CompilerServices;

namespace Cloister.Arm;

// Helpers that instruction handlers share: register write-back rules, flags, branches.
public sealed unsafe partial class ArmCpu
{
    /// <summary>Adds with carry-in and sets NZCV, the way every ARM add/subtract/compare does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal uint AddWithCarry(uint a, uint b, uint carryIn)
    {
        ulong wide = (ulong)a + b + carryIn;
        uint r = (uint)wide;
        FlagN = r >> 31;
        FlagZ = r == 0 ? 1u : 0u;
        FlagC = (uint)(wide >> 32);
        FlagV = ((a ^ r) & (b ^ r)) >> 31;
        return r;
    }

    /// <summary>Writes a data-processing result. Rd = PC branches; with S it is an exception return.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void WriteAluResult(int rd, uint value, bool setFlags)
    {
        if (rd != 15) { R[rd] = value; return; }
        if (setFlags) ExceptionReturn(value);
        else BranchWritePc(value);
    }

    /// <summary>A plain write to the PC (no change of instruction set).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void BranchWritePc(uint target) => NextPc = target & (ThumbState ? ~1u : ~3u);

    /// <summary>BX-style write: bit 0 selects Thumb.</summary>
    internal void BranchExchange(uint target)
    {
        bool thumb = (target & 1) != 0;
        NextPc = target & (thumb ? ~1u : ~3u);
        if (thumb != ThumbState)
        {
            ThumbState = thumb;
            fetchPageVa = InvalidFetchPage;
            BreakInnerLoop();
        }
    }

    /// <summary>Loads into the PC interwork on ARMv5T and later (LDR/LDM/POP to PC).</summary>
    internal void LoadWritePc(uint target) => BranchExchange(target);

    /// <summary>CPSR = SPSR then jump: the return from an exception (MOVS PC, LDM ^ with PC).</summary>
    internal void ExceptionReturn(uint target)
    {
        if (HasSpsr)
        {
            uint spsr = Spsr;
            WriteCpsr(spsr, 0xFFFFFFFF);
        }
        else
        {
            LogGuestError("exception return in a mode without SPSR");
        }
        NextPc = target & (ThumbState ? ~1u : ~3u);
        fetchPageVa = InvalidFetchPage;
    }

    /// <summary>Address of the instruction now executing.</summary>
    internal uint CurrentInstructionAddress => R[15] - (ThumbState ? 4u : 8u);

    internal void LogGuestError(string message)
    {
        if ((LogMask & LogFlags.GuestErrors) != 0) Log?.Invoke(message);
    }

    internal void LogUnimplemented(string message)
    {
        if ((LogMask & LogFlags.Unimplemented) != 0) Log?.Invoke(message);
    }
}
