using System.Diagnostics;
using System.Text;

namespace Cloister.Bench;

/// <summary>
/// The Linux boot workload: the versatile kit (scripts/build-linux) booted by the `cloister`
/// command and by qemu-system-arm, each a child process timed from its start to the console
/// line "cloister-kit: init ready" (the shell is about to start), then killed and reaped, so that
/// <c>--clock cpu</c> times both the same way. Not a MIPS workload: it prints seconds.
/// </summary>
public static class LinuxBootBench
{
    public const string Name = "linux-boot";
    const string Marker = "cloister-kit: init ready";

    public static void Run(string root, int repeat)
    {
        string kit = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cloister", "linux", "versatile");
        string[] files = ["zImage", "versatile-pb.dtb", "initramfs.cpio.gz"];
        if (files.Any(f => !File.Exists(Path.Combine(kit, f))))
        {
            Console.WriteLine($"{Name,-15} skipped: no Linux kit in {kit} (scripts/build-linux --board versatile builds it)");
            return;
        }
        string cloister = Path.Combine(root, "src", "Cloister.Cli", "bin", "Release", "net10.0", "cloister.dll");
        if (!File.Exists(cloister))
        {
            Console.WriteLine($"{Name,-15} skipped: {cloister} is missing (dotnet build src/Cloister.Cli -c Release)");
            return;
        }
        string[] board = ["-M", "versatilepb", "-m", "128M", "-kernel", Path.Combine(kit, files[0]), "-dtb", Path.Combine(kit, files[1]),
            "-initrd", Path.Combine(kit, files[2]), "-append", "console=ttyAMA0 rdinit=/init", "-nographic"];
        double ours = Enumerable.Range(0, repeat).Min(_ => SecondsToShell("dotnet", [cloister, "machine", .. board]));
        double qemu = Enumerable.Range(0, repeat).Min(_ => SecondsToShell("qemu-system-arm", board));
        Console.WriteLine($"{Name,-15} {"to shell",-11} Cloister {ours,6:F2} s, QEMU {qemu,6:F2} s: Cloister takes {ours / qemu:F2}x QEMU's time (speed ratio {qemu / ours:F3})");
    }

    static double SecondsToShell(string program, string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["QEMU_AUDIO_DRV"] = "none";
        var elapsed = BenchClock.StartChild();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        _ = p.StandardError.ReadToEndAsync();
        var seen = new StringBuilder();
        var buffer = new char[4096];
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var read = p.StandardOutput.ReadAsync(buffer, 0, buffer.Length);
            var left = TimeSpan.FromSeconds(120) - deadline.Elapsed;
            if (left < TimeSpan.Zero || !read.Wait(left) || read.Result == 0)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
                throw new InvalidOperationException($"{program} did not reach the shell (\"{Marker}\")");
            }
            // Only the new text, and the end of the old that the marker may straddle, is searched.
            int from = Math.Max(0, seen.Length - Marker.Length + 1);
            seen.Append(buffer, 0, read.Result);
            if (seen.ToString(from, seen.Length - from).Contains(Marker)) break;
        }
        p.Kill(entireProcessTree: true);
        p.WaitForExit();
        return elapsed();
    }
}
