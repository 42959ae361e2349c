using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// examples/hostile: guests written from docs/abi.md alone attack a victim domain (its frames,
/// grants and channels), the hypervisor (pointers, counts, CP15, exception storms) and each
/// other's frames, on one CPU and on four racing vCPUs. Each attack prints "refused: ..." or
/// "BREACH: ..."; each guest ends with its XTF-style result; the victim checks its own memory,
/// grant entries and channels at the end.
/// </summary>
public class HostileTests
{
    static string[] Configs =>
        Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "examples", "hostile"), "*.cfg").Order(StringComparer.Ordinal).ToArray();

    static (int Exit, string Out, string Err) Run(string board, string cpu, int smp)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CommandTable.Dispatch(["run", "-M", board, "-cpu", cpu, "-smp", $"{smp}", .. Configs], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("versatilepb", "arm926", 1)]
    [InlineData("realview-eb-mpcore", "arm11mpcore", 4)]
    public void Every_attack_is_refused_and_every_domain_finishes(string board, string cpu, int smp)
    {
        var (exit, output, errors) = Run(board, cpu, smp);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain("xception", errors);   // no host exception reached the command
        Assert.Equal(0, exit);
        Assert.Equal(7, Configs.Length);
        // The victim (d1) checked its secrets, public page, grant entries and channels.
        Assert.Contains("(d1) Test result: SUCCESS", lines);
        for (int d = 2; d <= Configs.Length; d++)
        {
            Assert.Contains($"(d{d}) Test result: SUCCESS", lines);
            Assert.Contains($"(XEN) d{d}: shutdown, reason poweroff", lines);
        }
        Assert.DoesNotContain(lines, l => l.Contains("BREACH") || l.Contains("FAILED") || l.Contains("crashing domain"));
        // Hundreds of attacks ran, from every attacker.
        Assert.True(lines.Count(l => l.Contains(") refused: ")) > 700);
        for (int d = 2; d <= 5; d++)
            Assert.Contains(lines, l => l.StartsWith($"(d{d}) refused: "));
        Assert.All(lines, l => Assert.Matches(@"^\((XEN|d\d+)\) ", l));
        Assert.Equal(output, Run(board, cpu, smp).Out);
    }
}
