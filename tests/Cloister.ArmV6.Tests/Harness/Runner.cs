using Cloister.Platform.Bus;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Cloister.Arm;

namespace Cloister.ArmV6.Tests.Harness;

/// <summary>Builds a test program, runs it under QEMU (the oracle) and under Cloister's ArmCpu, and returns
/// the text each printed between the markers.</summary>
public static class Runner
{
    public const string BeginMarker = "V6-BEGIN";
    public const string EndMarker = "V6-END";
    public const uint LoadAddress = 0x10000;

    static readonly string WorkDir = Path.Combine(Path.GetTempPath(), "cloister-armv6-tests");
    static readonly SemaphoreSlim QemuSlots = new(2);

    /// <summary>Assembles and links <paramref name="source"/>; the ELF is cached by the source's hash.</summary>
    public static string Build(string source, string cpuFlag)
    {
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(cpuFlag + "\n" + source)))[..16];
        string dir = Path.Combine(WorkDir, hash);
        string elf = Path.Combine(dir, "program.elf");
        if (File.Exists(elf)) return elf;
        Directory.CreateDirectory(dir);
        string src = Path.Combine(dir, "program.s"), obj = Path.Combine(dir, "program.o");
        File.WriteAllText(src, source);
        Run("arm-none-eabi-as", [$"-mcpu={cpuFlag}", "-o", obj, src], TimeSpan.FromSeconds(60), out _, source: src);
        string tmp = elf + ".tmp";
        Run("arm-none-eabi-ld", [$"-Ttext=0x{LoadAddress:x}", "-e", "_start", "-o", tmp, obj], TimeSpan.FromSeconds(60), out _, source: src);
        File.Move(tmp, elf, overwrite: true);
        return elf;
    }

    /// <summary>Runs QEMU. <paramref name="machine"/> raspi0 gives an arm1176 with the Security Extensions
    /// (versatilepb builds it with has_el3=false).</summary>
    public static string RunQemu(string cpu, string elf, string machine = "versatilepb")
    {
        QemuSlots.Wait();
        try
        {
            string output = Run("qemu-system-arm",
                machine == "versatilepb"
                    ? ["-M", machine, "-cpu", cpu, "-m", "128M", "-nographic", "-semihosting", "-kernel", elf]
                    : ["-M", machine, "-nographic", "-semihosting", "-kernel", elf],
                TimeSpan.FromSeconds(30), out int exit, allowFailure: true);
            return Extract(output, $"QEMU -cpu {cpu} (exit {exit})");
        }
        finally
        {
            QemuSlots.Release();
        }
    }

    public static string RunCloister(string cpu, string elf, bool securityExtensions = false, long maxInstructions = 30_000_000)
    {
        // QEMU's versatilepb builds its CPU with has_el3=false, so the arm1176 there has no Security Extensions.
        var model = CpuModel.Find(cpu) ?? throw new ArgumentException($"no CPU model {cpu}");
        if (!securityExtensions) model = model.WithoutSecurityExtensions();
        // RAM only; stray device accesses read 0 and are ignored, so they cannot abort the frame.
        using var bus = new PhysicalBus(0, 128u << 20) { IgnoreTransactionFailures = true };
        var image = ElfImage.Read(elf);
        foreach (var (address, data) in image.Segments) bus.WriteBytes(address, data);
        using var arm = new ArmCpu(model, bus);
        var semi = new Semihosting();
        arm.ExceptionHook = semi;
        if (Environment.GetEnvironmentVariable("CLOISTER_V6_TRACE") is { Length: > 0 } traceFile)
        {
            var log = new StreamWriter(traceFile + "-" + cpu) { AutoFlush = true };
            arm.Log = line => log.WriteLine(line);
            arm.LogMask = LogFlags.Interrupts | LogFlags.GuestErrors | LogFlags.Unimplemented;
        }
        arm.Pc = image.Entry;
        long total = 0;
        while (!semi.Exited && total < maxInstructions)
        {
            long n = arm.Run(100_000);
            total += n;
            if (n == 0) break; // waiting for an interrupt that never comes
        }
        return Extract(semi.Output.ToString(), $"Cloister -cpu {cpu} after {total} instructions, pc 0x{arm.Pc:x8}");
    }

    static string Extract(string output, string who)
    {
        int b = output.IndexOf(BeginMarker, StringComparison.Ordinal);
        int e = output.IndexOf(EndMarker, StringComparison.Ordinal);
        if (b < 0 || e < b)
            throw new InvalidOperationException($"{who}: no complete dump in the output:\n{Tail(output)}");
        return output[(b + BeginMarker.Length)..e].Replace("\r", "").Trim('\n');
    }

    static string Tail(string s) => s.Length > 2000 ? "..." + s[^2000..] : s;

    static string Run(string tool, string[] args, TimeSpan timeout, out int exitCode, bool allowFailure = false, string? source = null)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["QEMU_AUDIO_DRV"] = "none";
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {tool}");
        p.StandardInput.Close();
        var so = p.StandardOutput.ReadToEndAsync();
        var se = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException($"{tool} did not finish in {timeout.TotalSeconds} s");
        }
        exitCode = p.ExitCode;
        string output = so.Result + se.Result;
        if (exitCode != 0 && !allowFailure)
            throw new InvalidOperationException($"{tool} failed ({exitCode}) on {source}:\n{output}");
        return output;
    }

    /// <summary>Compares two dumps line by line; null when equal, else a report of the first differences
    /// with the case labels (lines starting with '#') that precede them.</summary>
    public static string? Compare(string expected, string actual, int maxDiffs = 12)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var sb = new StringBuilder();
        int diffs = 0;
        string label = "";
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<missing>", al = i < a.Length ? a[i] : "<missing>";
            if (el.StartsWith('#')) label = el;
            if (el == al) continue;
            if (++diffs > maxDiffs) { sb.AppendLine("..."); break; }
            sb.AppendLine($"line {i + 1} {label}\n  qemu:     {el}\n  cloister: {al}");
        }
        return diffs == 0 ? null : sb.ToString();
    }
}
