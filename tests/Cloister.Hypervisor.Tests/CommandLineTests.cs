using Cloister.Cli;
using Cloister.Hypervisor.Boot;
using Cloister.Hypervisor.Console;
using Cloister.Hypervisor.Xsm;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// The hypervisor command line (--cmdline of `cloister run`): Xen's options and Xen's words for
/// mistakes — xen/common/kernel.c prints `parameter "K" unknown!` and
/// `parameter "K" has invalid value "V", rc=-22!`; xen/common/sched/core.c prints
/// `Could not find scheduler: S` and keeps the default.
/// </summary>
public class CommandLineTests
{
    static string[] Lines(params string[] args)
    {
        var stdout = new StringWriter();
        int exit = CommandTable.Dispatch(["run", .. args], stdout, new StringWriter());
        Assert.Equal(0, exit);
        return stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    static string HelloCfg => Path.Combine(RepositoryRoot.Path, "guests", "hv", "hello.cfg");
    // In the demo's order: the phone's domains know each other by id (vault d1, ui d2, radio d3).
    static string[] PhoneCfgs => new[] { "vault", "ui", "radio" }.Select(n => Path.Combine(RepositoryRoot.Path, "examples", "secure-phone", n + ".cfg")).ToArray();

    [Fact]
    public void Options_are_parsed_as_Xen_parses_them()
    {
        var cl = CommandLine.Parse("flask=permissive loglvl=warning/all console=dtuart sched=credit");
        Assert.Equal(FlaskMode.Permissive, cl.Flask);
        Assert.Equal(LogLevel.Warning, cl.LogLevel);
        Assert.False(cl.ConsoleOff);
        Assert.Empty(cl.Messages);
        Assert.Equal(FlaskMode.Enforcing, CommandLine.Parse("").Flask);
    }

    [Fact]
    public void Mistakes_are_reported_in_Xens_words_and_the_defaults_kept()
    {
        var cl = CommandLine.Parse("bogus=1 flask=maybe loglvl=3 sched=rtds console=vga");
        Assert.Equal(
        [
            "parameter \"bogus\" unknown!",
            "parameter \"flask\" has invalid value \"maybe\", rc=-22!",
            "parameter \"loglvl\" has invalid value \"3\", rc=-22!",
            "Could not find scheduler: rtds",
            "parameter \"console\" has invalid value \"vga\", rc=-22!",
        ], cl.Messages);
        Assert.Equal(FlaskMode.Enforcing, cl.Flask);
        Assert.Equal(LogLevel.All, cl.LogLevel);
    }

    [Fact]
    public void Loglvl_warning_keeps_the_denials_and_the_guests_but_not_the_progress_lines()
    {
        var all = Lines(PhoneCfgs);
        var quiet = Lines(["--cmdline", "loglvl=warning", .. PhoneCfgs]);
        Assert.Contains(all, l => l.StartsWith("(XEN) d1: created"));
        Assert.DoesNotContain(quiet, l => l.StartsWith("(XEN) d1: created"));
        // The audit lines and the guests' own lines are exactly those of the full run.
        Assert.Equal(all.Where(l => l.StartsWith("(XEN) avc:")), quiet.Where(l => l.StartsWith("(XEN) avc:")));
        Assert.NotEmpty(quiet.Where(l => l.StartsWith("(XEN) avc:")));
        Assert.Equal(all.Where(l => !l.StartsWith("(XEN)")), quiet.Where(l => !l.StartsWith("(XEN)")));
    }

    [Fact]
    public void Console_none_prints_nothing_and_the_run_still_succeeds()
    {
        Assert.Empty(Lines("--cmdline", "console=none", HelloCfg));
    }

    [Fact]
    public void A_bad_option_is_reported_on_the_console_and_the_domains_still_run()
    {
        var lines = Lines("--cmdline", "no_such_option", HelloCfg);
        Assert.Contains("(XEN) parameter \"no_such_option\" unknown!", lines);
        Assert.Contains("(d1) hello from a Cloister guest", lines);
    }
}
