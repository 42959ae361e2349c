using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>Hostile guests: faults on memory that is not theirs, bad pointers and bad arguments to
/// hypercalls. Each attempt must fail in the way the ABI says, and nothing else may be hurt.</summary>
public class IsolationTests
{
    static string Cfg(string name) => Path.Combine(RepositoryRoot.Path, "guests", "hv", name + ".cfg");

    static (int Exit, string[] Lines) Run(params string[] names)
    {
        var stdout = new StringWriter();
        int exit = CommandTable.Dispatch(["run", .. names.Select(Cfg)], stdout, new StringWriter());
        return (exit, stdout.ToString().Split('\n'));
    }

    [Fact]
    public void Every_attack_of_the_attacker_fails_and_the_other_domain_runs_on()
    {
        var (exit, lines) = Run("attacker", "hello");
        Assert.Equal(0, exit);
        string all = string.Join('\n', lines);
        // Data aborts (kind 4): translation fault past its memory, permission fault on the
        // hypervisor's privileged page; a prefetch abort (kind 3) when executing it.
        Assert.Contains("(d1) read past its memory: fault kind 4\n(d1)   status 5", all);
        Assert.Contains("(d1) read the hypervisor page: fault kind 4\n(d1)   status 15", all);
        Assert.Contains("(d1) write the hypervisor page: fault kind 4\n(d1)   status 15", all);
        Assert.Contains("(d1) execute the hypervisor page: fault kind 3\n(d1)   status 15", all);
        Assert.Contains("(d1) undefined instruction: fault kind 1", all);
        Assert.Contains("(d1) svc: fault kind 2", all);
        foreach (var call in new[] { "console_io with a buffer past its memory", "console_io with a buffer in the hypervisor page",
                     "sched_op shutdown with a wrapping pointer", "event_channel_op with a bad pointer", "grant_table_op with a bad pointer" })
            Assert.Contains($"(d1) {call}: -14", lines);                 // -EFAULT
        Assert.Contains("(d1) grant_table_op with a huge count: -22", lines); // -EINVAL
        Assert.Contains("(d1) send on a closed port: -22", lines);
        Assert.Contains("(d1) unknown hypercall 99: -38", lines);         // -ENOSYS
        Assert.Contains("(d1) attacker: still standing", lines);
        Assert.Contains("(d2) hello from a Cloister guest", lines);
    }

    [Fact]
    public void A_guest_without_a_fault_handler_crashes_alone()
    {
        var (exit, lines) = Run("crasher", "hello");
        Assert.NotEqual(0, exit); // not every domain powered off
        Assert.Contains("(XEN) d1v0: unhandled DataAbort at 0x", string.Join('\n', lines));
        Assert.Contains("(XEN) d1: shutdown, reason crash", lines);
        Assert.DoesNotContain("(d1) crasher: survived (wrong)", lines);
        Assert.Contains("(d2) hello from a Cloister guest", lines);
        Assert.Contains("(XEN) d2: shutdown, reason poweroff", lines);
    }
}
