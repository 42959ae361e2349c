namespace Cloister.Differential.Tests.Generator;

/// <summary>Architecture features an instruction class may need. ARMv6, ARMv6K and VFP are added here (and
/// in the generators' class tables) when the ARM11 work extends the generator.</summary>
[Flags]
public enum ArchFeatures
{
    None = 0,
    /// <summary>ARMv5T: CLZ, BLX, LDR to PC interworks.</summary>
    V5T = 1,
    /// <summary>The E extension of ARMv5TE: saturating arithmetic, 16-bit multiplies, LDRD/STRD.</summary>
    Dsp = 2,
}

/// <summary>A CPU to test: how QEMU and the assembler name it, and what it implements.</summary>
public sealed record TargetCpu(string Name, string QemuCpu, string AssemblerCpu, ArchFeatures Features)
{
    public static readonly TargetCpu Arm926 = new("arm926", "arm926", "arm926ej-s", ArchFeatures.V5T | ArchFeatures.Dsp);

    public bool Has(ArchFeatures f) => (Features & f) == f;
}

public enum InstructionSet { Arm, Thumb }

/// <summary>Everything that determines a generated program.</summary>
public sealed record GeneratorOptions(InstructionSet Isa, int InstructionCount, TargetCpu Target)
{
    /// <summary>Word loads (LDR only) from addresses that are not word-aligned. The ARM926 rotates the
    /// aligned word (legacy behaviour with SCTLR.U = 0), but QEMU 7.2 loads the four bytes at the address,
    /// and Cloister follows QEMU (ArmCpu.Read32Rotated). On by default; CLOISTER_DIFF_UNALIGNED=0 turns it
    /// off, e.g. if Cloister is ever made to rotate as the hardware does.</summary>
    public bool UnalignedWordLoads { get; init; } = true;
}
