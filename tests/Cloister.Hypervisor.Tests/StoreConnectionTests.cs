using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// Which domains the builder connects to dom0's xenstore and console: those whose channels dom0
/// may create and that may bind to dom0 (sesearch on the same policy binary), and no others —
/// without an audit record either way. The guest (guests/hv/xenstore.c, probe mode) checks its
/// HVM parameters, and uses the store when it has one.
/// </summary>
public class StoreConnectionTests
{
    static string Policy => Path.Combine(RepositoryRoot.Path, "policy", "cloister.30");

    [Theory]
    [InlineData("domU_t")]
    [InlineData("isolated_domU_t")]
    [InlineData("vault_t")]
    [InlineData("radio_t")]
    public void A_domain_gets_rings_exactly_when_the_policy_lets_dom0_serve_it(string type)
    {
        bool served = Sesearch.Allows(Policy, "dom0_t", type + "_channel", "event", "create")
            && Sesearch.Allows(Policy, type + "_channel", "dom0_t", "event", "bind");
        string dir = Directory.CreateTempSubdirectory("cloister-test-").FullName;
        try
        {
            string cfg = Path.Combine(dir, "probe.cfg");
            string kernel = Path.Combine(RepositoryRoot.Path, "guests", "hv", "bin", "xenstore.elf");
            File.WriteAllText(cfg, $"name = \"probe\"\nmemory = 4\nkernel = \"{kernel}\"\nseclabel = \"system_u:system_r:{type}\"\n" +
                $"cmdline = \"probe=1 expect_rings={(served ? 1 : 0)}\"\n");
            var stdout = new StringWriter();
            // Exit 0: the guest powered off, which it does only when every check passed.
            Assert.Equal(0, CommandTable.Dispatch(["run", "--policy", Policy, cfg], stdout, new StringWriter()));
            var lines = stdout.ToString().Split('\n');
            Assert.Equal(served, lines.Contains("(d1) probe: store and console rings work"));
            // Its console_io output shows only where the policy allows it; nothing else is denied.
            bool console = Sesearch.Allows(Policy, type, "xen_t", "xen", "writeconsole");
            Assert.Equal(console, lines.Contains("(d1) Test result: SUCCESS"));
            Assert.All(lines.Where(l => l.Contains("avc:")), l => Assert.Contains("{ writeconsole }", l));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
