using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>`cloister run` end to end: the hypervisor boots through the board's Linux loader,
/// runs a USR-mode guest that makes hypercalls, and halts when the guest powers off.</summary>
public class RunCommandTests
{
    static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CommandTable.Dispatch(["run", .. args], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    static string HelloCfg => Path.Combine(RepositoryRoot.Path, "guests", "hv", "hello.cfg");

    [Fact]
    public void Hello_guest_prints_through_console_io_and_powers_off()
    {
        var (exit, output, _) = Run(HelloCfg);
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("(d1) hello from a Cloister guest", lines);
        Assert.Contains("(XEN) d1: shutdown, reason poweroff", lines);
        // Every line is either the hypervisor's or a guest's, each with its prefix.
        Assert.All(lines, l => Assert.Matches(@"^\((XEN|d\d+)\) ", l));
    }

    [Fact]
    public void Two_runs_print_the_same_bytes()
    {
        Assert.Equal(Run(HelloCfg).Out, Run(HelloCfg).Out);
    }

    [Fact]
    public void A_missing_configuration_file_is_a_one_line_error()
    {
        var (exit, output, err) = Run("/nonexistent/domain.cfg");
        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("/nonexistent/domain.cfg", err);
    }

    [Fact]
    public void No_configuration_is_a_usage_error()
    {
        var (exit, _, err) = Run();
        Assert.Equal(2, exit);
        Assert.Contains("no domain configuration", err);
    }
}
