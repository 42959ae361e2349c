using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// examples/selftest: XTF-style guests that check the guest ABI themselves (every hypercall they
/// use, its error paths, isolation attacks, FLASK decisions) and print "Test result: SUCCESS".
/// All of them run together, on each CPU the Versatile/PB board takes.
/// </summary>
public class SelftestTests
{
    static string[] Configs =>
        Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "examples", "selftest"), "*.cfg").Order(StringComparer.Ordinal).ToArray();

    static (int Exit, string Out) Run(string cpu)
    {
        var stdout = new StringWriter();
        int exit = CommandTable.Dispatch(["run", "-M", "versatilepb", "-cpu", cpu, .. Configs], stdout, new StringWriter());
        return (exit, stdout.ToString());
    }

    [Theory]
    [InlineData("arm926")]
    [InlineData("arm1136")]
    [InlineData("arm1176")]
    public void Every_selftest_domain_succeeds_and_the_run_is_reproducible(string cpu)
    {
        var (exit, output) = Run(cpu);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, exit);
        Assert.True(Configs.Length >= 3);
        for (int d = 1; d <= Configs.Length; d++)
            Assert.Contains($"(d{d}) Test result: SUCCESS", lines);
        Assert.All(lines, l => Assert.Matches(@"^\((XEN|d\d+)\) ", l));
        Assert.Equal(output, Run(cpu).Out);
    }
}
