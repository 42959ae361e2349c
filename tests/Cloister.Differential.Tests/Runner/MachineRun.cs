namespace Cloister.Differential.Tests.Runner;

/// <summary>What one emulator did with a program: exit status, all text it printed, and whether it was cut
/// off. <see cref="Problem"/> explains a run that produced no usable dump.</summary>
public sealed record MachineRun(string Emulator, int ExitCode, string Output, bool TimedOut, string? Problem = null)
{
    public MachineDump? TryDump(out string? error) => MachineDump.TryParse(Output, out error);
}
