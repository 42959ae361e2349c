using Cloister.Differential.Tests.Generator;
using Cloister.Differential.Tests.Runner;

namespace Cloister.Differential.Tests.Tests;

/// <summary>The generator and the oracle on their own, without Cloister: every program assembles, runs to
/// SYS_EXIT under QEMU with status 0, prints a well-formed dump, and prints the same dump when run again.</summary>
public sealed class QemuOracleTests
{
    [Theory]
    [MemberData(nameof(SelectedCases.All), MemberType = typeof(SelectedCases))]
    public async Task Program_runs_under_qemu_and_its_dump_is_reproducible(string cpu, InstructionSet isa, int seed)
    {
        var c = CaseSelection.Case(TargetCpu.Find(cpu), isa, seed);
        var built = await ProgramStore.BuildAsync(c);
        var first = await ProgramStore.QemuReferenceAsync(c);

        Assert.False(first.TimedOut, first.Problem);
        Assert.Equal(0, first.ExitCode);
        Assert.NotNull(first.TryDump(out string? error) ?? throw new Xunit.Sdk.XunitException($"{c.Name}: {error}\n{first.Output}"));

        var second = await QemuMachine.RunAsync(c.Target.QemuCpu, built.ElfPath);
        second = second with { Emulator = "QEMU (second run)" };
        string? failure = Verdict.Judge(built, first, second);
        if (failure is not null) Assert.Fail(failure);
    }
}
