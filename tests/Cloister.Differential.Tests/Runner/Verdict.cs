using System.Text;

namespace Cloister.Differential.Tests.Runner;

/// <summary>Decides whether a run matches QEMU's and, if not, writes the report a human needs: the seed,
/// the first differences, how to reproduce, and the random block.</summary>
public static class Verdict
{
    /// <summary>Null when <paramref name="actual"/> agrees with the oracle run; otherwise the failure report.</summary>
    public static string? Judge(BuiltProgram built, MachineRun oracle, MachineRun actual)
    {
        var expected = oracle.TryDump(out string? oracleError)
            ?? throw new InvalidOperationException(Report(built, oracle, [$"the oracle gave no dump: {oracle.Problem ?? oracleError}"], oracle));

        var differences = new List<string>();
        if (actual.Problem is not null) differences.Add(actual.Problem);
        var dump = actual.TryDump(out string? error);
        if (dump is null) differences.Add(error!);
        else differences.AddRange(DumpComparer.Differences(expected, dump));
        if (actual.ExitCode != oracle.ExitCode)
            differences.Add($"exit status: expected {oracle.ExitCode}, got {actual.ExitCode}");
        return differences.Count == 0 ? null : Report(built, actual, differences, oracle);
    }

    static string Report(BuiltProgram built, MachineRun actual, IReadOnlyList<string> differences, MachineRun oracle)
    {
        var c = built.Case;
        var s = new StringBuilder();
        s.AppendLine($"Program {c.Name} (seed {c.Seed}, {c.Isa}, {c.InstructionCount} instructions, {c.Target.Name}): " +
                     $"{actual.Emulator} does not match {oracle.Emulator}.");
        foreach (var d in differences) s.AppendLine("  " + d);
        s.AppendLine();
        s.AppendLine("Reproduce:");
        s.AppendLine($"  CLOISTER_DIFF_SEED={c.Name}" +
                     (c.InstructionCount != CaseSelection.DefaultLength ? $" CLOISTER_DIFF_LENGTH={c.InstructionCount}" : "") +
                     (c.Options.UnalignedWordLoads ? "" : " CLOISTER_DIFF_UNALIGNED=0") +
                     " dotnet test --project tests/Cloister.Differential.Tests");
        s.AppendLine($"  source: {built.SourcePath}");
        s.AppendLine($"  {QemuMachine.CommandLine(c.Target.QemuCpu, built.ElfPath)}");
        s.AppendLine($"  {CloisterMachine.CommandLine(c.Target.QemuCpu, built.ElfPath)}");
        if (actual.TryDump(out _) is null && actual.Output.Length > 0)
        {
            s.AppendLine();
            s.AppendLine($"{actual.Emulator} printed (last 2000 characters):");
            s.AppendLine(actual.Output.Length > 2000 ? actual.Output[^2000..] : actual.Output);
        }
        s.AppendLine();
        s.AppendLine("Random block (instruction numbers after @):");
        s.AppendLine(built.Program.Listing);
        return s.ToString();
    }
}
