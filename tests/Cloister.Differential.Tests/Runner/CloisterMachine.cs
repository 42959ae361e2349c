using Cloister.Cli;

namespace Cloister.Differential.Tests.Runner;

/// <summary>The system under test: `cloister machine`, run in-process with QEMU's arguments.</summary>
public static class CloisterMachine
{
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>A run that never returns cannot be stopped in-process; after the first one the remaining
    /// programs are not started, so one hang does not leave a spinning thread per seed.</summary>
    static volatile string? _hungOn;

    public static IReadOnlyList<string> Arguments(string cpu, string elf) =>
        ["machine", "-M", "versatilepb", "-cpu", cpu, "-m", "128M", "-nographic", "-semihosting", "-kernel", elf];

    public static async Task<MachineRun> RunAsync(string cpu, string elf, string programName)
    {
        if (_hungOn is { } hung)
            return new MachineRun("Cloister", -1, "", true, $"not run: the emulator already hung on {hung}");

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = Task.Run(() => CommandTable.Dispatch([.. Arguments(cpu, elf)], stdout, stderr));
        try
        {
            int exit = await run.WaitAsync(Timeout);
            return new MachineRun("Cloister", exit, stdout.ToString() + stderr.ToString(), false);
        }
        catch (TimeoutException)
        {
            _hungOn = programName;
            return new MachineRun("Cloister", -1, Snapshot(stdout) + Snapshot(stderr), true,
                $"Cloister did not finish within {Timeout.TotalSeconds} s");
        }
        catch (Exception e)
        {
            return new MachineRun("Cloister", -1, stdout.ToString() + stderr.ToString(), false, $"Cloister threw {e}");
        }
    }

    /// <summary>The text so far of a writer another thread may still be using.</summary>
    static string Snapshot(StringWriter w)
    {
        try { return w.ToString(); }
        catch (Exception) { return "(output unreadable while the machine still runs)"; }
    }

    public static string CommandLine(string cpu, string elf) =>
        "dotnet run --project src/Cloister.Cli -- " + string.Join(' ', Arguments(cpu, elf));
}
