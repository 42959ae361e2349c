using System.Text.RegularExpressions;
using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>`cloister demo`, the project's main job: the vault serves the UI through its vchan
/// while the compromised radio attacks, every attack failing (FLASK denials audited where the
/// policy decides), reproducibly. Expected decisions come from sesearch on the policy binary;
/// counts from the scenario's own lines (what the UI asked, what the radio tried).</summary>
public class DemoTests
{
    static string Policy => Path.Combine(RepositoryRoot.Path, "policy", "cloister.30");

    static (int Exit, string Out) Demo(params string[] args)
    {
        var stdout = new StringWriter();
        int exit = CommandTable.Dispatch(["demo", .. args], stdout, new StringWriter());
        return (exit, stdout.ToString());
    }

    /// <summary>The radio's attacks that FLASK decides, as the radio names them, with the check
    /// each one meets (guests/phone/radio.c; the channel a domain creates is its _channel type).</summary>
    static readonly (string Attack, string Class, string Perm, string Source, string Target)[] Decided =
    [
        ("map the vault's vchan control page (ref 8)", "grant", "map_read", "radio_t", "vault_t"),
        ("map the vault's vchan ring (ref 9)", "grant", "map_read", "radio_t", "vault_t"),
        ("map the vault's vchan ring (ref 10)", "grant", "map_read", "radio_t", "vault_t"),
        ("open a channel to the vault", "event", "bind", "radio_t_channel", "vault_t"),
        ("pause the vault", "domain", "pause", "radio_t", "vault_t"),
        ("destroy the vault", "domain", "destroy", "radio_t", "vault_t"),
        ("write to the hypervisor console", "xen", "writeconsole", "radio_t", "xen_t"),
        ("switch FLASK to permissive", "security", "setenforce", "radio_t", "security_t"),
        ("load its own policy", "security", "load_policy", "radio_t", "security_t"),
    ];

    static int Result(string[] lines, string attack) =>
        int.Parse(lines.Single(l => l.StartsWith($"(d2) radio: {attack} -> "))[$"(d2) radio: {attack} -> ".Length..]);

    [Theory]
    [InlineData]
    [InlineData("-M", "realview-eb-mpcore", "-smp", "4")]
    public void The_vault_serves_the_UI_over_its_vchan_while_every_attack_is_denied(params string[] args)
    {
        var (exit, output) = Demo(args);
        var lines = output.Split('\n');
        Assert.Equal(0, exit);

        // The UI maps the vault's pages (the policy audits that grant) and the vault answers over the vchan.
        Assert.Contains(lines, l => l.StartsWith("(XEN) avc:  granted  { map_read map_write } for source=d2 target=d1 "));
        Assert.Contains("(d2) ui: connected to the vault's vchan", lines);
        Assert.Contains("(d1) vault: the UI connected", lines);
        Assert.Contains("(d2) ui: verify PIN 1234 -> PIN rejected", lines);
        Assert.Contains("(d2) ui: verify PIN 4321 -> PIN accepted", lines);
        int answers = lines.Count(l => Regex.IsMatch(l, @"^\(d2\) ui: (verify PIN \d+ -> PIN (accepted|rejected)|sign '.*' -> signature [0-9a-f]{8})$"));
        Assert.Contains($"(d1) vault: requests served: {answers}", lines);
        Assert.Contains($"  vault requests served:     {answers}", lines);
        Assert.Contains("(d1) vault: the UI left; its grants are revoked", lines);

        // Every attack FLASK decides is one the policy denies, audited, and failed for the radio.
        foreach (var (attack, cls, perm, source, target) in Decided)
        {
            Assert.False(Sesearch.Allows(Policy, source, target, cls, perm), $"{source} {target} {cls} {perm}");
            Assert.Contains(lines, l => l.StartsWith($"(XEN) avc:  denied  {{ {perm} }} for source=d3 ") && l.EndsWith($"tclass={cls}")
                && l.Contains($"scontext=system_u:{(source.EndsWith("_channel") ? "object_r" : "system_r")}:{source} "));
            Assert.True(Result(lines, attack) < 0, attack);
        }
        int denials = lines.Count(l => l.StartsWith("(XEN) avc:  denied  {"));
        Assert.Equal(Decided.Length, denials);
        Assert.Contains($"  denials audited by FLASK:  {denials}", lines);
        foreach (var group in Decided.GroupBy(d => (d.Class, d.Perm)))
            Assert.Contains($"    {$"{group.Key.Class,-9} {group.Key.Perm}",-28} {group.Count()}", lines);

        // The rest fail without FLASK: no xenstore for the radio (dom0 does not serve it: sesearch),
        // a port bound to the UI already, no port at all, memory it does not have.
        Assert.False(Sesearch.Allows(Policy, "dom0_t", "radio_t_channel", "event", "create"));
        Assert.Equal(-2, Result(lines, "look the vault's vchan up in xenstore"));
        Assert.Equal(-22, Result(lines, "bind the vault's vchan port"));
        Assert.Equal(-22, Result(lines, "send to the vault without a binding"));
        Assert.Equal(1, Result(lines, "read memory beyond its own (faults)"));

        // Attacks counted by the radio: every line it reported after it was compromised.
        int compromised = Array.IndexOf(lines, "(d2) radio: compromised by a malicious SMS; attacking");
        int last = Array.FindIndex(lines, l => l.StartsWith("(d2) radio: attacks tried -> "));
        int tried = lines[(compromised + 1)..last].Count(l => l.StartsWith("(d2) radio: "));
        Assert.Equal(tried, Result(lines, "attacks tried"));
        Assert.Contains($"  attacks tried by radio:    {tried}", lines);
        // The vault kept serving meanwhile: answers between the radio's first and last attack.
        Assert.Contains(lines[(compromised + 1)..last], l => l.StartsWith("(d2) ui: sign 'heartbeat "));
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
        Assert.Contains("(d1) vault: the UI left; its grants are revoked", output.Split('\n'));
    }
}
