using Cloister.Differential.Tests.Runner;

namespace Cloister.Differential.Tests.Tests;

/// <summary>For the comparer's self-checks: a program's QEMU run and dump, and a run that prints a given dump.</summary>
public static class OracleReference
{
    public static async Task<(BuiltProgram Built, MachineRun Oracle, MachineDump Dump)> Of(DifferentialCase c)
    {
        var built = await ProgramStore.BuildAsync(c);
        var oracle = await ProgramStore.QemuReferenceAsync(c);
        var dump = oracle.TryDump(out string? error) ?? throw new Xunit.Sdk.XunitException(error);
        return (built, oracle, dump);
    }

    /// <summary>A run that printed <paramref name="dump"/> between other text, as an emulator's output would.</summary>
    public static MachineRun Printing(MachineDump dump) => new("altered", 0, "noise before\n" + dump.ToText() + "noise after\n", false);
}
