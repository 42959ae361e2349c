namespace Cloister.Differential.Tests.Runner;

/// <summary>The oracle: qemu-system-arm on the same command line the Cloister side gets.</summary>
public static class QemuMachine
{
    /// <summary>A few QEMU processes at a time: the machines running the tests have two cores.</summary>
    static readonly SemaphoreSlim Slots = new(2);

    static readonly Dictionary<string, string> QuietAudio = new() { ["QEMU_AUDIO_DRV"] = "none" };

    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(20);

    public static IReadOnlyList<string> Arguments(string cpu, string elf) =>
        ["-M", "versatilepb", "-cpu", cpu, "-m", "128M", "-nographic", "-semihosting", "-kernel", elf];

    public static async Task<MachineRun> RunAsync(string cpu, string elf)
    {
        await Slots.WaitAsync();
        try
        {
            // QEMU 7.2 writes semihosting output to stderr, so both streams are searched for the dump.
            var r = await ProcessRunner.RunAsync("qemu-system-arm", Arguments(cpu, elf), Timeout, QuietAudio);
            return new MachineRun("QEMU", r.ExitCode, r.Stdout + r.Stderr, r.TimedOut,
                r.TimedOut ? $"QEMU did not finish within {Timeout.TotalSeconds} s" : null);
        }
        finally
        {
            Slots.Release();
        }
    }

    public static string CommandLine(string cpu, string elf) => "qemu-system-arm " + string.Join(' ', Arguments(cpu, elf));
}
