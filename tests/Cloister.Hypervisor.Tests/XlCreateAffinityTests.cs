using System.Text.Json.Nodes;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>`xl create` with cpus= and maxmem=: the build honours the mask against the machine's
/// CPUs, and `xl list -l` shows them as libxl's JSON does (b_info vcpu_hard_affinity as arrays of
/// CPU numbers, one per vCPU; max_memkb from maxmem, target_memkb from memory).</summary>
public sealed class XlCreateAffinityTests
{
    static string Cfg => Path.Combine(RepositoryRoot.Path, "guests", "hv", "sleeper.cfg");

    [Fact]
    public void List_long_shows_the_hard_affinity_and_maxmem()
    {
        using var run = new XlInstance(["-M", "realview-eb-mpcore", "-smp", "4"], ("sleeper", "domU_t"));
        run.ListWhenBlocked();
        Assert.Equal(0, run.Xl("create", Cfg, "name=\"pinned\"", "vcpus=2", "cpus=[\"1-2\", \"all,^0\"]", "maxmem=16").Exit);
        var json = JsonNode.Parse(run.Xl("list", "-l").Out)!.AsArray();
        var build = json.Single(j => (int)j!["domid"]! == 2)!["config"]!["b_info"]!;
        Assert.Equal("[[1,2],[1,2,3]]", build["vcpu_hard_affinity"]!.ToJsonString());
        Assert.Equal(16 * 1024, (int)build["max_memkb"]!);
        Assert.Equal(4 * 1024, (int)build["target_memkb"]!);
        // A domain without cpus= has no vcpu_hard_affinity, as libxl leaves an empty array out.
        Assert.Null(json.Single(j => (int)j!["domid"]! == 1)!["config"]!["b_info"]!["vcpu_hard_affinity"]);
    }

    [Fact]
    public void A_mask_naming_no_cpu_of_the_machine_is_refused_naming_the_key()
    {
        using var run = new XlInstance(("sleeper", "domU_t"));
        run.ListWhenBlocked();
        var (exit, _, err) = run.Xl("create", Cfg, "name=\"pinned\"", "cpus=\"1\"");
        Assert.Equal(1, exit);
        // The KEY=VALUE arguments follow the file after one joining newline: cpus= is the second.
        int line = File.ReadAllLines(Cfg).Length + 3;
        Assert.EndsWith($"{Cfg}:{line}: key 'cpus': cannot make domain: domain 'pinned': cpus= for vCPU 0 names no CPU this machine has (CPUs 0-0)\n", err);
        Assert.Single(run.ListWhenBlocked());
    }
}
