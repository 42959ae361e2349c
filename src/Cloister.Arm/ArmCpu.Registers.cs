using System.Runtime.InteropServices;

namespace Cloister.Arm;

// Registers, flags, modes and register banking.
public sealed unsafe partial class ArmCpu
{
    /// <summary>The current mode's view of r0–r15. While an instruction executes, R[15] holds
    /// its address + 8 (ARM) or + 4 (Thumb), as the architecture says PC reads.</summary>
    internal uint* R;

    /// <summary>Where execution continues after the current instruction; branches write it.</summary>
    internal uint NextPc;

    // Flags, one word each (0 or 1) so that setting them needs no masking.
    internal uint FlagN, FlagZ, FlagC, FlagV, FlagQ;
    /// <summary>GE[3:0] for the ARMv6 SIMD instructions.</summary>
    internal uint FlagGE;
    /// <summary>CPSR bits that are neither flags nor mode/T (I, F, A, E, J...).</summary>
    internal uint CpsrControl;
    internal CpuMode CurrentMode;
    internal bool ThumbState;

    // Banked copies. Index by BankIndex(mode).
    readonly uint[] bankedR13 = new uint[7];
    readonly uint[] bankedR14 = new uint[7];
    readonly uint[] bankedSpsr = new uint[7];
    readonly uint[] userR8to12 = new uint[5];
    readonly uint[] fiqR8to12 = new uint[5];

    const uint CpsrI = 1u << 7, CpsrF = 1u << 6, CpsrA = 1u << 8, CpsrE = 1u << 9, CpsrT = 1u << 5;
    const uint CpsrJ = 1u << 24;

    /// <summary>The non-flag, non-mode CPSR bits this core keeps (as QEMU: A, I, F, J, and E on
    /// ARMv6; A exists even on ARMv5 there). Bits outside it read as zero and ignore writes.</summary>
    uint CpsrValidControl => CpsrA | CpsrI | CpsrF | CpsrJ | (Model.IsV6 ? CpsrE : 0);

    /// <summary>Every CPSR/SPSR bit this core implements.</summary>
    internal uint CpsrValidMask => 0xF8000000 | CpsrValidControl | CpsrT | 0x1F | (Model.IsV6 ? 0x000F0000u : 0);
    /// <summary>The SPSR also keeps the IL bit (QEMU lets MSR set it there, never in the CPSR).</summary>
    internal uint SpsrValidMask => CpsrValidMask | (1u << 20);
    /// <summary>Execution-state bits (T, J, IT) that MSR may not change in the CPSR.</summary>
    internal const uint CpsrExecutionState = CpsrT | CpsrJ | 0x0600FC00;
    /// <summary>What MSR may change in User mode: flags, Q, GE and E.</summary>
    internal const uint CpsrUserWritable = 0xF80F0200;

    /// <summary>Address of the next instruction to execute.</summary>
    public uint Pc
    {
        get => NextPc;
        set { NextPc = value; BreakInnerLoop(); }
    }

    public bool Thumb => ThumbState;
    public CpuMode Mode => CurrentMode;
    public bool IsPrivileged => CurrentMode != CpuMode.User;
    internal bool IrqMasked => (CpsrControl & CpsrI) != 0;
    internal bool FiqMasked => (CpsrControl & CpsrF) != 0;

    public uint GetRegister(int n) => n == 15 ? NextPc : R[n & 15];

    public void SetRegister(int n, uint value)
    {
        if (n == 15) Pc = value;
        else R[n & 15] = value;
    }

    /// <summary>User-mode view of a register, whatever the current mode (for LDM/STM ^ and debuggers).</summary>
    internal uint GetUserRegister(int n)
    {
        if (n == 15) return R[15];
        if (n >= 8 && n <= 12 && CurrentMode == CpuMode.Fiq) return userR8to12[n - 8];
        if (n >= 13 && n <= 14 && BankIndex(CurrentMode) != 0) return n == 13 ? bankedR13[0] : bankedR14[0];
        return R[n];
    }

    internal void SetUserRegister(int n, uint value)
    {
        if (n >= 8 && n <= 12 && CurrentMode == CpuMode.Fiq) userR8to12[n - 8] = value;
        else if (n >= 13 && n <= 14 && BankIndex(CurrentMode) != 0)
        {
            if (n == 13) bankedR13[0] = value; else bankedR14[0] = value;
        }
        else if (n != 15) R[n] = value;
    }

    public uint Cpsr
    {
        get => (FlagN << 31) | (FlagZ << 30) | (FlagC << 29) | (FlagV << 28) | (FlagQ << 27) | (FlagGE << 16)
               | CpsrControl | (ThumbState ? CpsrT : 0) | (uint)CurrentMode;
        set => WriteCpsr(value, 0xFFFFFFFF);
    }

    /// <summary>The current mode's SPSR; reads as 0 and ignores writes in User and System mode.</summary>
    public uint Spsr
    {
        get => HasSpsr ? bankedSpsr[BankIndex(CurrentMode)] : 0;
        set { if (HasSpsr) bankedSpsr[BankIndex(CurrentMode)] = value; }
    }

    internal bool HasSpsr => CurrentMode != CpuMode.User && CurrentMode != CpuMode.System;

    /// <summary>Writes the CPSR fields selected by <paramref name="mask"/>, switching register banks
    /// when the mode changes. Callers apply the privilege rules for MSR before calling.</summary>
    internal void WriteCpsr(uint value, uint mask)
    {
        if ((mask & 0xF8000000) != 0)
        {
            FlagN = (value >> 31) & 1; FlagZ = (value >> 30) & 1; FlagC = (value >> 29) & 1;
            FlagV = (value >> 28) & 1; FlagQ = (value >> 27) & 1;
        }
        if ((mask & 0x000F0000) != 0 && Model.IsV6) FlagGE = (value >> 16) & 0xF;
        uint controlMask = mask & CpsrValidControl;
        CpsrControl = (CpsrControl & ~controlMask) | (value & controlMask);
        if ((mask & CpsrT) != 0) ThumbState = (value & CpsrT) != 0;
        if ((mask & 0x1F) != 0)
        {
            var newMode = (CpuMode)(value & 0x1F);
            if (!IsValidMode(newMode))
            {
                LogGuestError($"CPSR write with invalid mode 0x{(uint)newMode:x2} ignored");
            }
            else
            {
                SwitchMode(newMode);
            }
        }
        // Interrupt masks or state may have changed: let the run loop look again.
        BreakInnerLoop();
        OnPrivilegeOrStateChanged();
    }

    internal bool IsValidMode(CpuMode mode) => mode switch
    {
        CpuMode.User or CpuMode.Fiq or CpuMode.Irq or CpuMode.Supervisor or CpuMode.Abort
            or CpuMode.Undefined or CpuMode.System => true,
        CpuMode.Monitor => Model.HasSecurityExtensions && Cp15.IsSecure, // [ARMv6 hook] only from the Secure state
        _ => false,
    };

    static int BankIndex(CpuMode mode) => mode switch
    {
        CpuMode.Fiq => 1,
        CpuMode.Irq => 2,
        CpuMode.Supervisor => 3,
        CpuMode.Abort => 4,
        CpuMode.Undefined => 5,
        CpuMode.Monitor => 6,
        _ => 0, // User and System share a bank
    };

    /// <summary>Saves the current mode's banked registers and loads the new mode's.</summary>
    internal void SwitchMode(CpuMode newMode)
    {
        var old = CurrentMode;
        if (old == newMode) return;
        int oldBank = BankIndex(old), newBank = BankIndex(newMode);
        if (oldBank != newBank)
        {
            bankedR13[oldBank] = R[13]; bankedR14[oldBank] = R[14];
            R[13] = bankedR13[newBank]; R[14] = bankedR14[newBank];
        }
        if (old == CpuMode.Fiq && newMode != CpuMode.Fiq)
        {
            for (int i = 0; i < 5; i++) { fiqR8to12[i] = R[8 + i]; R[8 + i] = userR8to12[i]; }
        }
        else if (old != CpuMode.Fiq && newMode == CpuMode.Fiq)
        {
            for (int i = 0; i < 5; i++) { userR8to12[i] = R[8 + i]; R[8 + i] = fiqR8to12[i]; }
        }
        CurrentMode = newMode;
    }

    void ResetRegisters()
    {
        if (R == null) R = (uint*)NativeMemory.AllocZeroed(16 * sizeof(uint));
        for (int i = 0; i < 16; i++) R[i] = 0;
        Array.Clear(bankedR13); Array.Clear(bankedR14); Array.Clear(bankedSpsr);
        Array.Clear(userR8to12); Array.Clear(fiqR8to12);
        FlagN = FlagZ = FlagC = FlagV = FlagQ = FlagGE = 0;
        CurrentMode = CpuMode.Supervisor;
        ThumbState = false;
        CpsrControl = CpsrI | CpsrF | CpsrA;
    }

    internal void SetNZ(uint result)
    {
        FlagN = result >> 31;
        FlagZ = result == 0 ? 1u : 0u;
    }

    /// <summary>ARM condition codes (cond 14 = always is filtered out by the run loop).</summary>
    internal bool ConditionPassed(uint cond) => cond switch
    {
        0 => FlagZ != 0,
        1 => FlagZ == 0,
        2 => FlagC != 0,
        3 => FlagC == 0,
        4 => FlagN != 0,
        5 => FlagN == 0,
        6 => FlagV != 0,
        7 => FlagV == 0,
        8 => FlagC != 0 && FlagZ == 0,
        9 => FlagC == 0 || FlagZ != 0,
        10 => FlagN == FlagV,
        11 => FlagN != FlagV,
        12 => FlagZ == 0 && FlagN == FlagV,
        13 => FlagZ != 0 || FlagN != FlagV,
        _ => true,
    };
}
