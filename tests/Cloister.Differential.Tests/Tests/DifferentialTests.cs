using Cloister.Differential.Tests.Generator;
using Cloister.Differential.Tests.Runner;

namespace Cloister.Differential.Tests.Tests;

/// <summary>The differential test proper: each random program must leave Cloister's machine in exactly the
/// state QEMU leaves it in (r0-r14, CPSR, the data buffer, the exit status).</summary>
public sealed class DifferentialTests
{
    [Theory]
    [MemberData(nameof(SelectedCases.All), MemberType = typeof(SelectedCases))]
    public async Task Cloister_matches_qemu(string cpu, InstructionSet isa, int seed)
    {
        var c = CaseSelection.Case(TargetCpu.Find(cpu), isa, seed);
        var built = await ProgramStore.BuildAsync(c);
        var oracle = await ProgramStore.QemuReferenceAsync(c);
        var cloister = await CloisterMachine.RunAsync(c.Target.QemuCpu, built.ElfPath, c.Name);

        string? failure = Verdict.Judge(built, oracle, cloister);
        if (failure is not null) Assert.Fail(failure);
    }
}
