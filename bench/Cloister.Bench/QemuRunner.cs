using System.Diagnostics;

namespace Cloister.Bench;

/// <summary>Runs a workload under qemu-system-arm (TCG) and times the whole process (see <see cref="BenchClock"/>).</summary>
public static class QemuRunner
{
    public static double Seconds(string elf, int iterations)
    {
        var psi = new ProcessStartInfo("qemu-system-arm")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "-M", "versatilepb", "-cpu", "arm926", "-m", "128M", "-nographic",
                     "-semihosting", "-kernel", elf, "-append", "x " + iterations })
            psi.ArgumentList.Add(a);
        psi.Environment["QEMU_AUDIO_DRV"] = "none";
        var elapsed = BenchClock.StartChild();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start qemu-system-arm");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(); throw new TimeoutException("qemu-system-arm did not finish"); }
        double seconds = elapsed();
        if (p.ExitCode != 0) throw new InvalidOperationException($"qemu-system-arm exited {p.ExitCode}: {stderr.Result}");
        _ = stdout.Result;
        return seconds;
    }
}
