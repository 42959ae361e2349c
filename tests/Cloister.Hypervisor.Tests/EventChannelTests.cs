using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>Two domains bounce an interdomain event five times: alloc_unbound, bind_interdomain
/// (checked by FLASK with the channel labels), send, upcalls through shared_info and the
/// registered callback, block/wake.</summary>
public class EventChannelTests
{
    static string Cfg(string name) => Path.Combine(RepositoryRoot.Path, "guests", "hv", name + ".cfg");

    [Fact]
    public void Ping_and_pong_exchange_events_and_power_off()
    {
        var stdout = new StringWriter();
        int exit = CommandTable.Dispatch(["run", Cfg("ping"), Cfg("pong")], stdout, new StringWriter());
        var lines = stdout.ToString().Split('\n');
        Assert.Equal(0, exit);
        Assert.Contains("(d1) ping: allocated unbound port 1", lines);
        Assert.Contains("(d2) pong: bound local port 1", lines);
        Assert.Contains("(d1) ping: events received 5", lines);
        Assert.Contains("(d2) pong: events received 5", lines);
        Assert.DoesNotContain(lines, l => l.Contains("avc:"));
    }
}
