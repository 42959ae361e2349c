using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>vcpu_op: a second vCPU is initialised and brought up by the first; each registers
/// its own vcpu_info and IPI channel; events reach the right vCPU.</summary>
public class VcpuTests
{
    [Fact]
    public void Two_vcpus_of_one_domain_exchange_ipis()
    {
        var stdout = new StringWriter();
        string cfg = Path.Combine(RepositoryRoot.Path, "guests", "hv", "twovcpu.cfg");
        int exit = CommandTable.Dispatch(["run", cfg], stdout, new StringWriter());
        var lines = stdout.ToString().Split('\n');
        Assert.Equal(0, exit);
        Assert.Contains("(d1) vcpu0: is vcpu1 up before: 0", lines);
        Assert.Contains("(d1) vcpu0: initialise vcpu1: 0", lines);
        Assert.Contains("(d1) vcpu1: IPIs received 3", lines);
        Assert.Contains("(d1) vcpu0: IPIs received 3", lines);
    }
}
