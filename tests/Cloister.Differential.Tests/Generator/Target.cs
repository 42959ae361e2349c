namespace Cloister.Differential.Tests.Generator;

/// <summary>Architecture features an instruction class may need.</summary>
[Flags]
public enum ArchFeatures
{
    None = 0,
    /// <summary>ARMv5T: CLZ, BLX, LDR to PC interworks.</summary>
    V5T = 1,
    /// <summary>The E extension of ARMv5TE: saturating arithmetic, 16-bit multiplies, LDRD/STRD.</summary>
    Dsp = 2,
    /// <summary>ARMv6: media/SIMD, REV, SXT/UXT, LDREX/STREX, UMAAL; in Thumb CPY, REV, SXT/UXT.</summary>
    V6 = 4,
    /// <summary>ARMv6K: LDREXB/H/D, STREXB/H/D, CLREX.</summary>
    V6K = 8,
    /// <summary>VFPv2 (the dump then holds S0-S31 and the FPSCR too).</summary>
    Vfp = 16,
}

/// <summary>A CPU to test: how QEMU and the assembler name it, and what it implements.</summary>
public sealed record TargetCpu(string Name, string QemuCpu, string AssemblerCpu, ArchFeatures Features)
{
    public static readonly TargetCpu Arm926 = new("arm926", "arm926", "arm926ej-s", ArchFeatures.V5T | ArchFeatures.Dsp);

    const ArchFeatures Arm11 = ArchFeatures.V5T | ArchFeatures.Dsp | ArchFeatures.V6 | ArchFeatures.Vfp;

    // QEMU gives all four ARM11 models VFPv2 (MVFR0 0x11111111); only arm1136-r2 lacks the v6K additions.
    // The assembler names a core with the same ISA: "mpcore" is ARMv6K with VFPv2.
    public static readonly TargetCpu Arm1136R2 = new("arm1136-r2", "arm1136-r2", "arm1136jf-s", Arm11);
    public static readonly TargetCpu Arm1136 = new("arm1136", "arm1136", "mpcore", Arm11 | ArchFeatures.V6K);
    public static readonly TargetCpu Arm1176 = new("arm1176", "arm1176", "arm1176jzf-s", Arm11 | ArchFeatures.V6K);
    public static readonly TargetCpu Arm11MpCore = new("arm11mpcore", "arm11mpcore", "mpcore", Arm11 | ArchFeatures.V6K);

    public static readonly TargetCpu[] Arm11Models = [Arm1136R2, Arm1136, Arm1176, Arm11MpCore];

    public static readonly TargetCpu[] All = [Arm926, .. Arm11Models];

    public static TargetCpu Find(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"unknown target CPU '{name}'");

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

    /// <summary>On ARMv6 the prologue sets SCTLR.U, which makes unaligned LDR/STR/LDRH/STRH/LDRSH architected:
    /// they access the bytes at the address, as QEMU 7.2 does whatever U says. Doubleword, multiple, swap and
    /// exclusive accesses stay aligned (they fault or are UNPREDICTABLE otherwise).</summary>
    public bool UnalignedAccesses => Target.Has(ArchFeatures.V6);
}
