using System.Runtime.CompilerServices;

namespace Cloister.Arm;

/// <summary>
/// How a single load/store forms its address and base write-back. Immediate forms keep the
/// signed offset in Imm; register forms shift Rm and add or subtract it by Extra bit 0 (U).
/// </summary>
internal unsafe interface IAddressing
{
    /// <summary>The address accessed; <paramref name="writeback"/> is the new base value.</summary>
    static abstract uint Address(ArmCpu c, Insn* d, out uint writeback);
    static abstract bool Writeback { get; }
}

internal static unsafe class RegisterOffset
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Get(ArmCpu c, Insn* d)
    {
        uint off = d->ShiftAmount == 0 && d->ShiftType == ShiftKind.Lsl
            ? c.R[d->Rm]
            : Shifter.ByImmediate(c.R[d->Rm], d->ShiftType, d->ShiftAmount, c.FlagC);
        return (d->Extra & 1) != 0 ? off : 0 - off;
    }
}

internal unsafe struct ImmOffset : IAddressing
{
    public static bool Writeback => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Address(ArmCpu c, Insn* d, out uint wb) { wb = 0; return c.R[d->Rn] + d->Imm; }
}

internal unsafe struct ImmPreIndex : IAddressing
{
    public static bool Writeback => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Address(ArmCpu c, Insn* d, out uint wb) { wb = c.R[d->Rn] + d->Imm; return wb; }
}

internal unsafe struct ImmPostIndex : IAddressing
{
    public static bool Writeback => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Address(ArmCpu c, Insn* d, out uint wb) { uint a = c.R[d->Rn]; wb = a + d->Imm; return a; }
}

internal unsafe struct RegOffset : IAddressing
{
    public static bool Writeback => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Address(ArmCpu c, Insn* d, out uint wb) { wb = 0; return c.R[d->Rn] + RegisterOffset.Get(c, d); }
}

internal unsafe struct RegPreIndex : IAddressing
{
    public static bool Writeback => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Address(ArmCpu c, Insn* d, out uint wb) { wb = c.R[d->Rn] + RegisterOffset.Get(c, d); return wb; }
}

internal unsafe struct RegPostIndex : IAddressing
{
    public static bool Writeback => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Address(ArmCpu c, Insn* d, out uint wb) { uint a = c.R[d->Rn]; wb = a + RegisterOffset.Get(c, d); return a; }
}
