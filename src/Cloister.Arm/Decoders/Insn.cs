using System.Runtime.InteropServices;

namespace Cloister.Arm;

/// <summary>
/// A decoded instruction: the handler that executes it and its operands, extracted once.
/// The meaning of each field depends on the handler (see the decoders); unused fields are 0.
/// A zero <see cref="Exec"/> means "not decoded yet".
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Insn
{
    public delegate*<ArmCpu, Insn*, void> Exec;
    public uint Raw;
    /// <summary>Immediate operand, offset, register list or branch displacement.</summary>
    public uint Imm;
    /// <summary>Condition code; 14 (always) for unconditional instructions.</summary>
    public byte Cond;
    public byte Rd, Rn, Rm;
    public byte Rs;
    public byte ShiftType;
    public byte ShiftAmount;
    /// <summary>Handler-specific bits (immediate carry-out, U bit, LDM/STM flags...).</summary>
    public byte Extra;
}
