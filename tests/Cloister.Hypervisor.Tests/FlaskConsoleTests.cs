using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>console_io goes through the XSM hook: whether a guest's line reaches the console is
/// what the policy says (asked of sesearch), and a denial is audited in Xen's format.</summary>
public class FlaskConsoleTests
{
    static string Policy => Path.Combine(RepositoryRoot.Path, "policy", "cloister.30");

    static (int Exit, string Out) RunWithLabel(string type)
    {
        string dir = Directory.CreateTempSubdirectory("cloister-test-").FullName;
        try
        {
            string cfg = Path.Combine(dir, "guest.cfg");
            string kernel = Path.Combine(RepositoryRoot.Path, "guests", "hv", "bin", "hello.elf");
            File.WriteAllText(cfg, $"name = \"hello\"\nmemory = 4\nkernel = \"{kernel}\"\nseclabel = \"system_u:system_r:{type}\"\n");
            var stdout = new StringWriter();
            int exit = CommandTable.Dispatch(["run", "--policy", Policy, cfg], stdout, new StringWriter());
            return (exit, stdout.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("domU_t")]
    [InlineData("isolated_domU_t")]
    public void Console_writes_follow_the_policy(string type)
    {
        bool allowed = Sesearch.Allows(Policy, type, "xen_t", "xen", "writeconsole");
        var (exit, output) = RunWithLabel(type);
        Assert.Equal(0, exit);
        Assert.Equal(allowed, output.Contains("(d1) hello from a Cloister guest"));
        string audit = $"(XEN) avc:  denied  {{ writeconsole }} for source=d1 scontext=system_u:system_r:{type} " +
                       "tcontext=system_u:system_r:xen_t tclass=xen";
        Assert.Equal(!allowed, output.Split('\n').Contains(audit));
    }
}
