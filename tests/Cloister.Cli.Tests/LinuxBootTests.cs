using System.Diagnostics;
using Xunit;

namespace Cloister.Cli.Tests;

/// <summary>
/// Linux 6.1 with a busybox initramfs boots on `cloister machine` to a shell: versatile_defconfig
/// on versatilepb, and realview_defconfig on realview-eb-mpcore with 4 CPUs. scripts/linux-session
/// types tests/linux/BOARD.commands and compares the userspace transcript with
/// tests/linux/BOARD.expected, which QEMU produced. The kits are built by scripts/build-linux
/// (the test command runs it first; here they are only checked up to date).
/// </summary>
public class LinuxBootTests
{
    static string RepoRoot => RepositoryRoot.Path;

    [Theory]
    [InlineData("versatile")]
    [InlineData("realview")]
    public void Linux_userspace_prints_what_it_prints_under_qemu(string board)
    {
        string cloister = Path.Combine(AppContext.BaseDirectory, "cloister.dll");
        var psi = new ProcessStartInfo(Path.Combine(RepoRoot, "scripts", "linux-session"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        psi.ArgumentList.Add("--board");
        psi.ArgumentList.Add(board);
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
