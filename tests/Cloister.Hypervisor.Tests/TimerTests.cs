using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>set_timer_op and VIRQ_TIMER on the hypervisor's SP804 driver, and time-slice
/// preemption: a guest that never yields does not stop another guest's timers.</summary>
public class TimerTests
{
    static string Cfg(string name) => Path.Combine(RepositoryRoot.Path, "guests", "hv", name + ".cfg");

    [Fact]
    public void Ticker_gets_its_timer_events_while_a_spinner_hogs_the_cpu()
    {
        var stdout = new StringWriter();
        int exit = CommandTable.Dispatch(["run", Cfg("spinner"), Cfg("ticker")], stdout, new StringWriter());
        var lines = stdout.ToString().Split('\n').ToList();
        Assert.Equal(0, exit);
        Assert.Contains("(d2) ticker: timer events 5", lines);
        Assert.Contains("(d2) ticker: system time advanced by at least 5 ms", lines);
        // The spinner started first and never yields; the ticker still finished before it.
        Assert.True(lines.IndexOf("(d2) ticker: timer events 5") < lines.IndexOf("(d1) spinner: done"));
    }

    [Fact]
    public void Runs_with_timers_are_reproducible()
    {
        string Run()
        {
            var stdout = new StringWriter();
            CommandTable.Dispatch(["run", Cfg("spinner"), Cfg("ticker")], stdout, new StringWriter());
            return stdout.ToString();
        }
        Assert.Equal(Run(), Run());
    }
}
