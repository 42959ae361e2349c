using System.Text.RegularExpressions;
using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// The credit scheduler: burner guests count loop rounds for 300 ms of system time, so their
/// counts are their CPU shares. Weights (cpu_weight) divide the CPU in proportion; a cap limits
/// a domain to its percentage of the CPU even when the CPU is otherwise idle.
/// </summary>
public class SchedulerTests
{
    static string Cfg(string name) => Path.Combine(RepositoryRoot.Path, "guests", "hv", name + ".cfg");

    static Dictionary<string, double> Rounds(params string[] configs)
    {
        var stdout = new StringWriter();
        Assert.Equal(0, CommandTable.Dispatch(["run", .. configs.Select(Cfg)], stdout, new StringWriter()));
        var names = new Dictionary<string, string>();
        var result = new Dictionary<string, double>();
        foreach (var line in stdout.ToString().Split('\n'))
        {
            if (Regex.Match(line, @"^\(XEN\) (d\d+): created '([^']+)'") is { Success: true } c) names[c.Groups[1].Value] = c.Groups[2].Value;
            if (Regex.Match(line, @"^\((d\d+)\) burner: thousand-rounds (\d+)") is { Success: true } r)
                result[names[r.Groups[1].Value]] = double.Parse(r.Groups[2].Value);
        }
        return result;
    }

    [Fact]
    public void Weights_share_the_cpu_in_proportion()
    {
        var r = Rounds("burner-heavy", "burner-light"); // cpu_weight 512 and 256
        Assert.InRange(r["heavy"] / r["light"], 1.8, 2.2);
    }

    [Fact]
    public void A_cap_limits_a_domain_to_its_percentage()
    {
        double alone = Rounds("burner-light")["light"];          // the whole CPU
        Assert.InRange(Rounds("burner-capped")["capped"] / alone, 0.18, 0.22);  // cap = 20, CPU otherwise idle
        var shared = Rounds("burner-light", "burner-capped");
        Assert.InRange(shared["capped"] / alone, 0.18, 0.22);
        Assert.InRange(shared["light"] / alone, 0.75, 0.85);
    }
}
