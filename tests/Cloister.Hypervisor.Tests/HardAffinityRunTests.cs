using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>xl.cfg `cpus=` on a four-CPU realview-eb-mpcore, booted with the module bundle (ATAGs)
/// and with a device tree: a pinned domain's guest entries are counted only on its CPUs (the
/// machine runs one domain, so the halt line's counts are its own).</summary>
public class HardAffinityRunTests
{
    static (int Exit, string[] Lines, string Error) Run(string boot, string guest, string extra, int smp = 4)
    {
        string dir = Directory.CreateTempSubdirectory("cloister-affinity-").FullName;
        try
        {
            string source = Path.Combine(RepositoryRoot.Path, "guests", "hv", guest + ".cfg");
            string kernel = Path.Combine(RepositoryRoot.Path, "guests", "hv", "bin", guest + ".elf");
            string cfg = Path.Combine(dir, guest + ".cfg");
            var lines = File.ReadAllLines(source).Where(l => !l.StartsWith("kernel", StringComparison.Ordinal));
            File.WriteAllLines(cfg, [.. lines, $"kernel = \"{kernel}\"", extra]);
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int exit = CommandTable.Dispatch(["run", "--boot", boot, "-M", "realview-eb-mpcore", "-smp", $"{smp}", cfg], stdout, stderr);
            return (exit, stdout.ToString().Split('\n'), stderr.ToString());
        }
        finally { Directory.Delete(dir, true); }
    }

    static string Entries(string[] lines) => lines.Single(l => l.StartsWith("(XEN) Guest entries per CPU: ", StringComparison.Ordinal));

    [Theory]
    [InlineData("atags")]
    [InlineData("dtb")]
    public void A_domain_pinned_to_cpu_2_runs_only_there(string boot)
    {
        var (exit, lines, _) = Run(boot, "hello", "cpus = \"2\"");
        Assert.Equal(0, exit);
        string entries = Entries(lines);
        Assert.Matches(@"CPU0 0, CPU1 0, CPU2 [1-9]\d*, CPU3 0$", entries);
    }

    [Theory]
    [InlineData("atags")]
    [InlineData("dtb")]
    public void Two_vcpus_pinned_to_cpus_1_2_run_on_both_and_nowhere_else(string boot)
    {
        var (exit, lines, _) = Run(boot, "twovcpu", "cpus = \"1-2\"");
        Assert.Equal(0, exit);
        Assert.Contains("(d1) vcpu1: IPIs received 3", lines);
        Assert.Matches(@"CPU0 0, CPU1 [1-9]\d*, CPU2 [1-9]\d*, CPU3 0$", Entries(lines));
    }

    [Theory]
    [InlineData("atags")]
    [InlineData("dtb")]
    public void A_mask_naming_no_cpu_of_the_machine_refuses_the_build(string boot)
    {
        var (exit, lines, error) = Run(boot, "hello", "cpus = \"2-3\"", smp: 2);
        Assert.NotEqual(0, exit);
        Assert.Contains("domain 'hello': cpus= for vCPU 0 names no CPU this machine has (CPUs 0-1)", string.Join("\n", lines) + error);
    }
}
