using System.Text.RegularExpressions;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// on_poweroff / on_reboot / on_crash as xl acts on them (docs/man/xl.cfg.5; tools/xl/xl_vmcontrol.c
/// handle_domain_death for the messages): the guests' behaviour comes from their source
/// (guests/hv/crasher.c touches unmapped memory without a fault handler; hello.S powers off;
/// sleeper.c blocks for ever), the reason codes from Xen's sched.h (poweroff 0, reboot 1, crash 3),
/// xl list's state letters from xl ("-rscwS" for the reason).
/// </summary>
public sealed class XlLifecycleTests : IDisposable
{
    static string Guests => Path.Combine(RepositoryRoot.Path, "guests", "hv");
    readonly string dir = Directory.CreateTempSubdirectory("cloister-lifecycle-test-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string Config(string name, string elf, string extra)
    {
        string path = Path.Combine(dir, name + ".cfg");
        File.WriteAllText(path, $"name = \"{name}\"\nmemory = 4\nkernel = \"{Path.Combine(Guests, "bin", elf)}\"\n{extra}\n");
        return path;
    }

    static string[] Lines(string text) => text.Split('\n');

    [Theory]
    [MemberData(nameof(XlCommandTests.Boards), MemberType = typeof(XlCommandTests))]
    public void On_crash_restart_rebuilds_the_domain_then_the_loop_guard_stops_it(string[] board)
    {
        string cfg = Config("crasher", "crasher.elf", "on_crash = \"restart\"");
        var (exit, output, err) = XlInstance.Cloister(["run", .. board, cfg]);
        // Crashed, restarted once (a new id, the same name), crashed again at once: not restarted again.
        Assert.NotEqual(0, exit);
        var lines = Lines(output);
        Assert.Contains("(XEN) d1: shutdown, reason crash", lines);
        Assert.Contains(lines, l => l.StartsWith("(XEN) d2: created 'crasher', 4 MiB"));
        Assert.Contains("(d2) crasher: about to touch 0x00400000", lines);
        Assert.Contains("(XEN) d2: shutdown, reason crash", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("(XEN) d3:"));
        string[] expected =
        [
            "Domain 1 has shut down, reason code 3 0x3",
            "Action for shutdown reason code 3 is restart",
            "Domain 1 needs to be cleaned up: destroying the domain",
            "Done. Rebooting now",
            "Domain 2 has shut down, reason code 3 0x3",
            "Action for shutdown reason code 3 is restart",
            "Domain 2 is restarting too fast (under 10 s of virtual time since its restart): not restarting it",
            "Domain 2 needs to be cleaned up: destroying the domain",
            "Done. Exiting now",
        ];
        Assert.Equal(expected, Lines(err).Where(l => !l.StartsWith("cloister run: control socket") && l.Length > 0));
    }

    [Fact]
    public void The_default_actions_destroy_a_crashed_and_a_powered_off_domain()
    {
        var (exit, output, err) = XlInstance.Cloister("run", Config("crasher", "crasher.elf", ""), Config("hello", "hello.elf", ""));
        Assert.NotEqual(0, exit);
        Assert.Contains("(d2) hello from a Cloister guest", Lines(output));
        Assert.DoesNotContain(Lines(output), l => l.StartsWith("(XEN) d3:"));
        Assert.Contains("Action for shutdown reason code 3 is destroy", Lines(err));
        Assert.Contains("Action for shutdown reason code 0 is destroy", Lines(err));
    }

    [Theory]
    [MemberData(nameof(XlCommandTests.Boards), MemberType = typeof(XlCommandTests))]
    public void On_crash_preserve_keeps_the_domain_listed_as_crashed_until_xl_destroy(string[] board)
    {
        using var run = new XlInstance(board, [Config("crasher", "crasher.elf", "on_crash = \"preserve\"")]);
        var row = WaitForRow(run, "crasher");
        Assert.Equal("---sc-", XlInstance.StateOf(row));
        Assert.Equal("    1", row[41..46]);
        Assert.False(run.Run.IsCompleted); // a preserved domain keeps the run up
        Assert.Equal(0, run.Xl("destroy", "crasher").Exit);
        Assert.True(run.Run.Wait(TimeSpan.FromSeconds(30)));
        Assert.NotEqual(0, run.Run.Result); // it crashed: not all powered off
        Assert.Contains("Action for shutdown reason code 3 is preserve", Lines(run.Stderr));
    }

    [Fact]
    public void On_poweroff_preserve_shows_a_shut_down_domain_without_a_reason_letter()
    {
        using var run = new XlInstance([], [Config("hello", "hello.elf", "on_poweroff = \"preserve\"")]);
        Assert.Equal("---s--", XlInstance.StateOf(WaitForRow(run, "hello")));
        Assert.Equal(0, run.Xl("destroy", "1").Exit);
        Assert.True(run.Run.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, run.Run.Result); // it powered off
    }

    [Fact]
    public void Rename_restart_keeps_the_crashed_domain_under_a_dated_name_and_starts_a_new_one()
    {
        using var run = new XlInstance([], [Config("crasher", "crasher.elf", "on_crash = \"rename-restart\"")]);
        // libxl_domain_preserve's suffix: -%Y%m%dT%H%MZ, UTC.
        var renamed = new Regex(@"^crasher-\d{8}T\d{4}Z +1 ");
        var row = WaitForRow(run, "crasher-");
        Assert.Matches(renamed, row);
        Assert.Equal("---sc-", XlInstance.StateOf(row));
        // The new domain (id 2) crashed at once and was not restarted again (the loop guard).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!run.Stderr.Contains("Domain 2 needs to be cleaned up") && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.Contains("(XEN) d2: shutdown, reason crash", Lines(run.Stdout));
        Assert.Single(RowsOf(run));
        Assert.Contains(Lines(run.Stderr), l => Regex.IsMatch(l, @"^Preserving domain 1 crasher with suffix-\d{8}T\d{4}Z$"));
    }

    [Theory]
    [MemberData(nameof(XlCommandTests.Boards), MemberType = typeof(XlCommandTests))]
    public void Xl_reboot_restarts_the_domain_by_default_with_a_new_id(string[] board)
    {
        using var run = new XlInstance(board, ("sleeper", "domU_t"));
        run.ListWhenBlocked();
        var (exit, _, err) = run.Xl("reboot", "sleeper");
        Assert.Equal((0, "Rebooting domain 1\n"), (exit, err));
        // on_reboot's default is restart: the same name under a new id, running its program again.
        var rows = run.ListWhenBlocked();
        Assert.StartsWith("sleeper                                      2 ", Assert.Single(rows));
        Assert.Contains("(XEN) d1: shutdown, reason reboot", Lines(run.Stdout));
        Assert.Contains("(d2) sleeper: waiting for the toolstack", Lines(run.Stdout));
        Assert.Contains("Action for shutdown reason code 1 is restart", Lines(run.Stderr));
        // xl list -l still knows its configuration.
        Assert.Contains("\"domid\": 2", run.Xl("list", "-l").Out);
        // A reboot dom0 asks for is never taken for a restart loop, however soon it comes.
        Assert.Equal(0, run.Xl("reboot", "sleeper").Exit);
        Assert.StartsWith("sleeper                                      3 ", Assert.Single(run.ListWhenBlocked()));
    }

    [Fact]
    public void Xl_reboot_with_on_reboot_destroy_ends_the_domain_and_reports_errors_as_xl()
    {
        using var run = new XlInstance([], [Config("sleeper", "sleeper.elf", "on_reboot = \"destroy\"")]);
        run.ListWhenBlocked();
        Assert.Equal((1, "nosuch is an invalid domain identifier (rc=-6)\n"), (run.Xl("reboot", "nosuch").Exit, run.Xl("reboot", "nosuch").Err));
        Assert.Equal(0, run.Xl("reboot", "1").Exit);
        Assert.True(run.Run.Wait(TimeSpan.FromSeconds(30)));
        Assert.NotEqual(0, run.Run.Result); // rebooted, not powered off
        Assert.Contains("Action for shutdown reason code 1 is destroy", Lines(run.Stderr));
    }

    static string[] RowsOf(XlInstance run) =>
        run.Xl("list").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];

    /// <summary>The xl list row of the domain whose name starts with <paramref name="name"/>, once it is shut down.</summary>
    static string WaitForRow(XlInstance run, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var row = RowsOf(run).FirstOrDefault(r => r.StartsWith(name) && XlInstance.StateOf(r)[3] == 's');
            if (row is not null) return row;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no shut-down '{name}' in xl list:\n{run.Stdout}\n{run.Stderr}");
            Thread.Sleep(20);
        }
    }
}
