using System.Diagnostics;
using Xunit;

namespace Cloister.Cli.Tests;

/// <summary>
/// Linux 6.1 (versatile_defconfig) with a busybox initramfs boots on `cloister machine` to a
/// shell; scripts/linux-session types tests/linux/versatile.commands and compares the userspace
/// transcript with tests/linux/versatile.expected, which QEMU produced. The kit is built by
/// scripts/build-linux (the test command runs it first; here it is only checked up to date).
/// </summary>
public class LinuxBootTests
{
    static string RepoRoot => RepositoryRoot.Path;

    [Fact]
    public void Versatile_linux_userspace_prints_what_it_prints_under_qemu()
    {
        string cloister = Path.Combine(AppContext.BaseDirectory, "cloister.dll");
        var psi = new ProcessStartInfo(Path.Combine(RepoRoot, "scripts", "linux-session"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        psi.ArgumentList.Add("--emulator");
        psi.ArgumentList.Add($"dotnet {cloister} machine");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail("linux-session did not finish in 20 minutes");
        }
        Assert.True(p.ExitCode == 0, $"linux-session exit {p.ExitCode}\n{stdout.Result}\n{stderr.Result}");
        Assert.Contains("1 passed, 0 failed", stderr.Result + stdout.Result);
    }
}
