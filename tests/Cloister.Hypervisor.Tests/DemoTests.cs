using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>`cloister demo`, the project's main job: the vault keeps serving the UI while every
/// attack of the compromised radio fails with an audited FLASK denial, reproducibly.</summary>
public class DemoTests
{
    static (int Exit, string Out) Demo(params string[] args)
    {
        var stdout = new StringWriter();
        int exit = CommandTable.Dispatch(["demo", .. args], stdout, new StringWriter());
        return (exit, stdout.ToString());
    }

    [Theory]
    [InlineData]
    [InlineData("-M", "realview-eb-mpcore", "-smp", "4")]
    public void The_demo_runs_its_scenario_and_ends_with_a_summary(params string[] args)
    {
        var (exit, output) = Demo(args);
        var lines = output.Split('\n');
        Assert.Equal(0, exit);
        Assert.Contains("(d2) ui: verify PIN 1234 -> PIN rejected", lines);
        Assert.Contains("(d2) ui: verify PIN 4321 -> PIN accepted", lines);
        Assert.Contains("(d1) vault: requests served: 4", lines);
        Assert.Contains(lines, l => l.StartsWith("(d2) ui: sign 'still here after the attack' -> signature "));
        int denials = lines.Count(l => l.StartsWith("(XEN) avc:  denied  {"));
        Assert.True(denials >= 5, $"only {denials} audited denials");
        Assert.Contains($"  denials audited by FLASK:  {denials}", lines);
        Assert.Contains("  attacks tried by radio:    11", lines);
    }

    [Theory]
    [InlineData]
    [InlineData("-M", "realview-eb-mpcore", "-smp", "4")]
    public void The_demo_prints_the_same_bytes_twice(params string[] args)
    {
        Assert.Equal(Demo(args).Out, Demo(args).Out);
    }

    [Fact]
    public void The_demo_runs_on_the_arm926_too()
    {
        var (exit, output) = Demo("-cpu", "arm926");
        Assert.Equal(0, exit);
        Assert.Contains("(d1) vault: requests served: 4", output.Split('\n'));
    }
}
