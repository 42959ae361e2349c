using Cloister.Differential.Tests.Generator;

namespace Cloister.Differential.Tests.Runner;

/// <summary>One program to test: instruction set, seed and length. The target CPU is the ARM926 for now.</summary>
public sealed record DifferentialCase(InstructionSet Isa, int Seed, int InstructionCount)
{
    public TargetCpu Target => TargetCpu.Arm926;

    public GeneratorOptions Options => new(Isa, InstructionCount, Target) { UnalignedWordLoads = CaseSelection.UnalignedWordLoads };

    public string Name => $"{Isa.ToString().ToLowerInvariant()}:{Seed}";

    /// <summary>Kept after the run, so a failure can be inspected and re-run by hand.</summary>
    public string Directory => Path.Combine(Path.GetTempPath(), "cloister-diff",
        $"{Target.Name}-{Isa.ToString().ToLowerInvariant()}-{Seed}-{InstructionCount}{(Options.UnalignedWordLoads ? "" : "-aligned")}");

    public override string ToString() => Name;
}
