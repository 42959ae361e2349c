using System.Diagnostics;

namespace Cloister.Vfp.Tests.Harness;

/// <summary>The GNU ARM toolchain and the oracle, qemu-system-arm.</summary>
public static class ExternalTools
{
    /// <summary>QEMU processes at a time (the test machines have two cores).</summary>
    static readonly SemaphoreSlim QemuSlots = new(2);

    public static string Assemble(string source, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        string s = Path.Combine(directory, name + ".s"), o = Path.Combine(directory, name + ".o"), elf = Path.Combine(directory, name + ".elf");
        File.WriteAllText(s, source);
        Run("arm-none-eabi-as", ["-mcpu=arm1176jzf-s", "-mfpu=vfp", "-o", o, s], TimeSpan.FromSeconds(60));
        Run("arm-none-eabi-ld", ["-Ttext=0x10000", "-e", "_start", "-o", elf, o], TimeSpan.FromSeconds(60));
        return elf;
    }

    /// <summary>Runs the ELF under QEMU and returns what it printed (QEMU 7.2 sends semihosting
    /// output to stderr; both streams are returned).</summary>
    public static async Task<string> RunQemuAsync(string elf, string cpu)
    {
        await QemuSlots.WaitAsync();
        try
        {
            return await Task.Run(() => Run("qemu-system-arm",
                ["-M", "versatilepb", "-cpu", cpu, "-m", "128M", "-nographic", "-semihosting", "-kernel", elf],
                TimeSpan.FromSeconds(60), quietAudio: true));
        }
        finally
        {
            QemuSlots.Release();
        }
    }

    static string Run(string tool, string[] args, TimeSpan timeout, bool quietAudio = false)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (quietAudio) psi.Environment["QEMU_AUDIO_DRV"] = "none";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {tool}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish in {timeout.TotalSeconds} s");
        }
        string output = stdout.Result + stderr.Result;
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited with {p.ExitCode}:\n{output}");
        return output;
    }
}
