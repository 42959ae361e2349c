using Cloister.Differential.Tests.Generator;

namespace Cloister.Differential.Tests.Runner;

/// <summary>One program to test: target CPU, instruction set, seed and length.</summary>
public sealed record DifferentialCase(TargetCpu Target, InstructionSet Isa, int Seed, int InstructionCount)
{
    public DifferentialCase(InstructionSet isa, int seed, int instructionCount) : this(TargetCpu.Arm926, isa, seed, instructionCount) { }

    public GeneratorOptions Options => new(Isa, InstructionCount, Target) { UnalignedWordLoads = CaseSelection.UnalignedWordLoads };

    public string Name => GeneratedProgram.NameOf(Options, Seed);

    /// <summary>Kept after the run, so a failure can be inspected and re-run by hand.</summary>
    public string Directory => Path.Combine(Path.GetTempPath(), "cloister-diff",
        $"{Target.Name}-{Isa.ToString().ToLowerInvariant()}-{Seed}-{InstructionCount}{(Options.UnalignedWordLoads ? "" : "-aligned")}");

    public override string ToString() => Name;
}
