namespace Cloister.Differential.Tests.Generator.Arm;

public sealed partial class ArmBlockGenerator
{
    static readonly string[] SaturatingOps = ["qadd", "qsub", "qdadd", "qdsub"];

    /// <summary>QADD/QSUB/QDADD/QDSUB: saturate and set the sticky Q flag. PC is UNPREDICTABLE.</summary>
    void SaturatingArithmetic(BlockBuilder b) =>
        b.Instruction($"{_rng.Pick(SaturatingOps)}{Cond()} {R(Pick())}, {R(Pick())}, {R(Pick())}");

    /// <summary>CLZ: PC as Rd or Rm is UNPREDICTABLE.</summary>
    void CountLeadingZeros(BlockBuilder b) => b.Instruction($"clz{Cond()} {R(Pick())}, {R(Pick())}");

    /// <summary>MRS of the CPSR: flags, Q, I/F/T and the mode are all defined. The SPSR is not read:
    /// SVC's SPSR holds nothing defined at reset.</summary>
    void ReadStatus(BlockBuilder b) => b.Instruction($"mrs{Cond()} {R(Pick())}, cpsr");

    /// <summary>MSR to the flags byte only. Other fields would change mode or mask interrupts, and
    /// bits 26:24 of the flags byte must stay zero: writing the J bit with MSR is UNPREDICTABLE (ARM ARM, "The J bit").</summary>
    void WriteFlags(BlockBuilder b)
    {
        if (_rng.Chance(0.5))
        {
            b.Instruction($"msr{Cond()} cpsr_f, #0x{RandomValues.Flags(_rng):x8}");
            return;
        }
        int rm = Pick();
        // Bits 23:0 are outside the field mask and ignored, so they may be random.
        b.Load(rm, RandomValues.Flags(_rng) | (_rng.NextUInt32() & 0x00FFFFFF));
        b.Instruction($"msr{Cond()} cpsr_f, {R(rm)}");
    }
}
