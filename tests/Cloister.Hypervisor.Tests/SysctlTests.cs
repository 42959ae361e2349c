using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// sysctl from a guest (guests/hv/sysctl.c, which checks its own answers): what its label may do
/// comes from sesearch on the policy `run` loads — a dom0-like label reads the host's facts, the
/// scheduler and the console, a domU is refused with an AVC line for each; both list themselves.
/// </summary>
public class SysctlTests
{
    static string Policy => Path.Combine(RepositoryRoot.Path, "policy", "cloister.30");

    [Theory]
    [InlineData("dom0_t", new string[0], 1)]
    [InlineData("domU_t", new string[0], 1)]
    [InlineData("dom0_t", new[] { "-M", "realview-eb-mpcore", "-smp", "4" }, 4)]
    public void Sysctl_commands_follow_the_policy(string type, string[] board, int cpus)
    {
        var permissions = new[] { "physinfo", "getscheduler", "readconsole" };
        var allowed = permissions.Select(p => Sesearch.Allows(Policy, type, "xen_t", "xen", p)).Distinct().ToList();
        Assert.Single(allowed); // the guest expects one answer for all three
        bool mayRead = allowed[0];
        Assert.True(Sesearch.Allows(Policy, type, type + "_self", "domain", "getdomaininfo"));
        // memory = 4 MiB: 1024 pages; the only domain, so it sees itself alone.
        string expect = $"expect={(mayRead ? 0 : -13)} cpus={cpus} pages=1024 visible=1";
        var (exit, lines) = SingleGuestRun.Run("sysctl.elf", type, expect, board);
        Assert.Equal(0, exit);
        Assert.Contains("(d1) Test result: SUCCESS", lines);
        foreach (var p in permissions)
            Assert.Equal(!mayRead, lines.Contains($"(XEN) avc:  denied  {{ {p} }} for source=d1 scontext=system_u:system_r:{type} "
                                                  + "tcontext=system_u:system_r:xen_t tclass=xen"));
        Assert.Contains("(d1) sysctl: domains listed: 1", lines);
        Assert.Contains("(XEN) FLASK: Denying unknown sysctl: 99.", lines);
    }
}
