using System.Runtime.CompilerServices;

namespace Cloister.Arm;

/// <summary>
/// The second operand of a data-processing instruction. Each form is a struct so that the
/// generic handlers are specialised per form by the JIT: no run-time dispatch on the form.
/// </summary>
internal unsafe interface IOperand2
{
    static abstract uint Value(ArmCpu c, Insn* d);
    static abstract uint ValueAndCarry(ArmCpu c, Insn* d, out uint carry);
}

/// <summary>Rotated 8-bit immediate; the decoder precomputes the carry-out in Extra (2 = C unchanged).</summary>
internal unsafe struct ImmOperand : IOperand2
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Value(ArmCpu c, Insn* d) => d->Imm;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ValueAndCarry(ArmCpu c, Insn* d, out uint carry)
    {
        carry = d->Extra == 2 ? c.FlagC : d->Extra;
        return d->Imm;
    }
}

/// <summary>A plain register (LSL #0).</summary>
internal unsafe struct RegOperand : IOperand2
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Value(ArmCpu c, Insn* d) => c.R[d->Rm];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ValueAndCarry(ArmCpu c, Insn* d, out uint carry)
    {
        carry = c.FlagC;
        return c.R[d->Rm];
    }
}

/// <summary>A register shifted by an immediate.</summary>
internal unsafe struct ShiftImmOperand : IOperand2
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Value(ArmCpu c, Insn* d) => Shifter.ByImmediate(c.R[d->Rm], d->ShiftType, d->ShiftAmount, c.FlagC);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ValueAndCarry(ArmCpu c, Insn* d, out uint carry) =>
        Shifter.ByImmediate(c.R[d->Rm], d->ShiftType, d->ShiftAmount, c.FlagC, out carry);
}

/// <summary>A register shifted by another register's bottom byte.</summary>
internal unsafe struct ShiftRegOperand : IOperand2
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Value(ArmCpu c, Insn* d) => Shifter.ByRegister(c.R[d->Rm], d->ShiftType, c.R[d->Rs], c.FlagC, out _);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ValueAndCarry(ArmCpu c, Insn* d, out uint carry) =>
        Shifter.ByRegister(c.R[d->Rm], d->ShiftType, c.R[d->Rs], c.FlagC, out carry);
}

/// <summary>Whether an instruction updates the flags (the S bit), as a type so it is a JIT-time constant.</summary>
internal interface IFlagMode { static abstract bool Set { get; } }
internal struct SetFlags : IFlagMode { public static bool Set => true; }
internal struct KeepFlags : IFlagMode { public static bool Set => false; }
