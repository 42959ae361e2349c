using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// examples/selftest: XTF-style guests that check the guest ABI themselves (every hypercall they
/// use, its error paths, isolation attacks, FLASK decisions) and print "Test result: SUCCESS".
/// All of them run together, on each CPU the Versatile/PB board takes and on the RealView
/// ARM11 MPCore board with one and four CPUs.
/// </summary>
public class SelftestTests
{
    static string[] Configs =>
        Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "examples", "selftest"), "*.cfg").Order(StringComparer.Ordinal).ToArray();

    static (int Exit, string Out) Run(string board, string cpu, int smp)
    {
        var stdout = new StringWriter();
        int exit = CommandTable.Dispatch(["run", "-M", board, "-cpu", cpu, "-smp", $"{smp}", .. Configs], stdout, new StringWriter());
        return (exit, stdout.ToString());
    }

    [Theory]
    [InlineData("versatilepb", "arm926", 1)]
    [InlineData("versatilepb", "arm1136", 1)]
    [InlineData("versatilepb", "arm1176", 1)]
    [InlineData("realview-eb-mpcore", "arm11mpcore", 1)]
    [InlineData("realview-eb-mpcore", "arm11mpcore", 4)]
    public void Every_selftest_domain_succeeds_and_the_run_is_reproducible(string board, string cpu, int smp)
    {
        var (exit, output) = Run(board, cpu, smp);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, exit);
        Assert.True(Configs.Length >= 3);
        for (int d = 1; d <= Configs.Length; d++)
            Assert.Contains($"(d{d}) Test result: SUCCESS", lines);
        Assert.All(lines, l => Assert.Matches(@"^\((XEN|d\d+)\) ", l));
        // Every secondary CPU is released from the boot loader and comes online.
        for (int c = 1; c < smp; c++)
            Assert.Contains(lines, l => l.StartsWith($"(XEN) CPU{c}: online"));
        Assert.DoesNotContain(lines, l => l.StartsWith($"(XEN) CPU{smp}: "));
        if (smp > 1)
        {
            // Domains run on every CPU, not only on the boot CPU.
            string entries = lines.Single(l => l.StartsWith("(XEN) Guest entries per CPU: "));
            for (int c = 0; c < smp; c++)
                Assert.Matches($@"CPU{c} [1-9]\d*", entries);
        }
        Assert.Equal(output, Run(board, cpu, smp).Out);
    }
}
