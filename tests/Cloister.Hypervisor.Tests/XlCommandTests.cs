using System.Text.RegularExpressions;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// `cloister xl` against a running `cloister run`: rows and labels come from the configurations,
/// what dom0 may see and do from the policy (sesearch on policy/cloister.30, the policy `run`
/// loads by default), the formats from Xen's tools/xl (xl_list.c: "%-40s %5d %5lu %5d
/// %c%c%c%c%c%c  %8.1f" and " %16s" for the label with -Z).
/// </summary>
public class XlCommandTests
{
    static string Policy => Path.Combine(RepositoryRoot.Path, "policy", "cloister.30");
    const string Header = "Name                                        ID   Mem VCPUs\tState\tTime(s)";

    /// <summary>One xl list row of a sleeper (4 MiB, one vCPU) in the given state, any CPU time.</summary>
    static Regex Row(string name, int id, string state, string? label = null) =>
        new("^" + Regex.Escape($"{name,-40} {id,5} {4,5} {1,5}     {state}  ") + @"[ \d]{5}\d\.\d"
            + (label is null ? "" : Regex.Escape($" {label,16}")) + "$");

    [Fact]
    public void List_Z_shows_the_domains_dom0_may_see_with_their_labels()
    {
        (string Name, string Type)[] domains = [("alpha", "domU_t"), ("beta", "isolated_domU_t"), ("gamma", "phone_ctl_t")];
        using var run = new XlInstance(domains);
        var (exit, output, _) = run.Xl("list", "-Z");
        Assert.Equal(0, exit);
        Assert.Equal(Header + "   Security Label", output.Split('\n')[0]);
        var rows = run.ListWhenBlocked("-Z");
        var expected = domains.Select((d, i) => (d, id: i + 1))
            .Where(x => Sesearch.Allows(Policy, "dom0_t", x.d.Type, "domain", "getdomaininfo")).ToList();
        Assert.Equal(expected.Count, rows.Length);
        foreach (var ((name, type), id) in expected)
            Assert.Single(rows, r => Row(name, id, "-b----", $"system_u:system_r:{type}").IsMatch(r));
    }

    [Fact]
    public void List_l_gives_the_configuration_of_the_domains_dom0_may_see()
    {
        (string Name, string Type)[] domains = [("alpha", "domU_t"), ("gamma", "phone_ctl_t")];
        using var run = new XlInstance(domains);
        var (exit, output, _) = run.Xl("list", "-l");
        Assert.Equal(0, exit);
        var visible = domains.Select((d, i) => (d, id: i + 1))
            .Where(x => Sesearch.Allows(Policy, "dom0_t", x.d.Type, "domain", "getdomaininfo")).ToList();
        var json = System.Text.Json.Nodes.JsonNode.Parse(output)!.AsArray();
        Assert.Equal(visible.Select(x => x.id), json.Select(j => (int)j!["domid"]!));
        foreach (var (d, config) in visible.Zip(json.Select(j => j!["config"]!)))
        {
            Assert.Equal(d.d.Name, (string)config["c_info"]!["name"]!);
            Assert.Equal($"system_u:system_r:{d.d.Type}", (string)config["c_info"]!["ssid_label"]!);
            Assert.Equal(4 * 1024, (int)config["b_info"]!["max_memkb"]!); // memory = 4 in the configuration
            Assert.Equal(1, (int)config["b_info"]!["max_vcpus"]!);
            // xl.cfg's defaults (docs/man/xl.cfg.5): destroy, restart, destroy.
            Assert.Equal(("destroy", "restart", "destroy"),
                ((string)config["on_poweroff"]!, (string)config["on_reboot"]!, (string)config["on_crash"]!));
        }
    }

    /// <summary>The boards the lifecycle tests run on: Versatile/PB, and the MPCore board with 4
    /// CPUs, where the hypervisor reaches other CPUs with SGIs.</summary>
    public static TheoryData<string[]> Boards() => new([], ["-M", "realview-eb-mpcore", "-smp", "4"]);

    [Theory]
    [MemberData(nameof(Boards))]
    public void Pause_and_unpause_change_the_state_letters(string[] board)
    {
        Assert.True(Sesearch.Allows(Policy, "dom0_t", "domU_t", "domain", "pause"));
        Assert.True(Sesearch.Allows(Policy, "dom0_t", "domU_t", "domain", "unpause"));
        using var run = new XlInstance(board, ("alpha", "domU_t"), ("beta", "domU_t"));
        Assert.Matches(Row("alpha", 1, "-b----"), run.ListWhenBlocked()[0]);

        Assert.Equal(0, run.Xl("pause", "alpha").Exit);
        var rows = run.ListWhenBlocked();
        // Xen's getdomaininfo: a paused domain whose vCPU is blocked is both b and p.
        Assert.Matches(Row("alpha", 1, "-bp---"), rows[0]);
        Assert.Matches(Row("beta", 2, "-b----"), rows[1]);

        Assert.Equal(0, run.Xl("unpause", "1").Exit);
        Assert.Matches(Row("alpha", 1, "-b----"), run.ListWhenBlocked()[0]);
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Destroy_removes_the_domain_and_the_run_ends_with_the_last_one(string[] board)
    {
        Assert.True(Sesearch.Allows(Policy, "dom0_t", "domU_t", "domain", "destroy"));
        using var run = new XlInstance(board, ("alpha", "domU_t"), ("beta", "domU_t"));
        Assert.Equal(2, run.ListWhenBlocked().Length);
        Assert.Equal(0, run.Xl("destroy", "alpha").Exit);
        var rows = run.ListWhenBlocked();
        Assert.Matches(Row("beta", 2, "-b----"), Assert.Single(rows));
        Assert.Contains("(XEN) d1: destroyed by d0", run.Xl("dmesg").Out.Split('\n'));

        Assert.Equal(0, run.Xl("shutdown", "beta").Exit);
        // A destroyed domain did not power off: the run's status says so, and the socket goes.
        Assert.True(run.Run.Wait(TimeSpan.FromSeconds(30)));
        Assert.NotEqual(0, run.Run.Result);
        Assert.False(File.Exists(run.Socket));
        Assert.Contains("(XEN) d2: shutdown, reason poweroff", run.Stdout.Split('\n'));
    }

    [Fact]
    public void Shutdown_of_every_domain_ends_the_run_with_status_0()
    {
        using var run = new XlInstance(("alpha", "domU_t"));
        run.ListWhenBlocked();
        Assert.Equal(0, run.Xl("shutdown", "alpha").Exit);
        Assert.True(run.Run.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, run.Run.Result);
    }

    [Fact]
    public void Setenforce_changes_getenforce_as_the_policy_allows()
    {
        bool allowed = Sesearch.Allows(Policy, "dom0_t", "security_t", "security", "setenforce");
        using var run = new XlInstance(("alpha", "domU_t"));
        var (exit, output, _) = run.Xl("getenforce");
        Assert.Equal((0, "Enforcing\n"), (exit, output));
        Assert.Equal(allowed ? 0 : 1, run.Xl("setenforce", "0").Exit);
        Assert.Equal(allowed ? "Permissive\n" : "Enforcing\n", run.Xl("getenforce").Out);
        Assert.Equal(allowed ? 0 : 1, run.Xl("setenforce", "Enforcing").Exit);
        Assert.Equal("Enforcing\n", run.Xl("getenforce").Out);
    }

    [Fact]
    public void An_operation_the_policy_denies_dom0_fails_with_an_audited_denial()
    {
        // phone_ctl_t: a control domain of its own, which the platform's dom0 may not manage.
        Assert.False(Sesearch.Allows(Policy, "dom0_t", "phone_ctl_t", "domain", "pause"));
        Assert.False(Sesearch.Allows(Policy, "dom0_t", "phone_ctl_t", "domain", "getdomaininfo"));
        using var run = new XlInstance(("alpha", "domU_t"), ("phonectl", "phone_ctl_t"));
        var (exit, _, err) = run.Xl("pause", "2");
        Assert.Equal(1, exit);
        Assert.Equal("libxl: error: Domain 2:Pausing domain: Permission denied\n", err);
        string audit = "(XEN) avc:  denied  { pause } for source=d0 target=d2 scontext=system_u:system_r:dom0_t "
                       + "tcontext=system_u:system_r:phone_ctl_t tclass=domain";
        Assert.Contains(audit, run.Xl("dmesg").Out.Split('\n'));
        // A domain dom0 cannot list has no name it can find.
        Assert.Equal((1, "phonectl is an invalid domain identifier (rc=-6)\n"), Pick(run.Xl("pause", "phonectl")));
        // In permissive mode the same request goes through (and is still audited).
        Assert.Equal(0, run.Xl("setenforce", "0").Exit);
        Assert.Equal(0, run.Xl("pause", "2").Exit);
    }

    [Fact]
    public void Info_reports_the_machine_it_runs()
    {
        using var run = new XlInstance(["-m", "64"], ("alpha", "domU_t"));
        var (exit, output, _) = run.Xl("info");
        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        Assert.Contains("nr_cpus                : 1", lines);
        Assert.Contains("total_memory           : 64", lines);
        // The boot line names the version the hypervisor implements.
        string version = Regex.Match(run.Stdout, @"\(XEN\) Cloister hypervisor, Xen (\S+) guest ABI").Groups[1].Value;
        Assert.Contains($"xen_version            : {version}", lines);
        int free = int.Parse(lines.Single(l => l.StartsWith("free_memory")).Split(':')[1]);
        Assert.InRange(free, 1, 63); // a 4 MiB domain and the hypervisor's pages are taken
    }

    [Fact]
    public void Errors_are_xl_messages_with_a_non_zero_status()
    {
        using var run = new XlInstance(("alpha", "domU_t"));
        Assert.Equal((1, "libxl: error: Domain 9:Pausing domain: No such process\n"), Pick(run.Xl("pause", "9")));
        Assert.Equal((1, "nosuch is an invalid domain identifier (rc=-6)\n"), Pick(run.Xl("destroy", "nosuch")));
        Assert.Equal(2, run.Xl("setenforce", "sometimes").Exit);
        var (exit, _, err) = run.Xl("frobnicate");
        Assert.Equal(2, exit);
        Assert.DoesNotContain("   at ", err);
        var missing = XlInstance.Cloister("xl", "--socket", "/nonexistent/run.sock", "list");
        Assert.Equal(1, missing.Exit);
        Assert.StartsWith("cloister xl: cannot talk to the instance at /nonexistent/run.sock", missing.Err);
    }

    static (int, string) Pick((int Exit, string Out, string Err) r) => (r.Exit, r.Err);

    /// <summary>The secure phone (examples/secure-phone/live: the demo's domains, staying after
    /// the scenario) under xl: labels from the configurations, visibility and control from the
    /// policy (sesearch), the radio's attacks still denied meanwhile.</summary>
    [Fact]
    public void The_secure_phone_domains_are_listed_and_controlled_with_xl()
    {
        string live = Path.Combine(RepositoryRoot.Path, "examples", "secure-phone", "live");
        (string Name, string Type)[] phone = [("vault", "vault_t"), ("ui", "ui_t"), ("radio", "radio_t")];
        using var run = new XlInstance([], phone.Select(d => Path.Combine(live, d.Name + ".cfg")).ToArray());
        foreach (var (_, type) in phone)
            foreach (var perm in new[] { "getdomaininfo", "pause", "unpause", "destroy", "shutdown" })
                Assert.True(Sesearch.Allows(Policy, "dom0_t", type, "domain", perm), $"dom0_t {type} {perm}");
        // The scenario's last line: from then on the three domains only wait (stay=1).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!run.Stdout.Contains("(d1) vault: the UI left; its grants are revoked\n") && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.Contains(run.Stdout.Split('\n'), l => l.StartsWith("(XEN) avc:  denied  { map_read } for source=d3 target=d1"));
        var rows = run.ListWhenBlocked("-Z");
        Assert.Equal(3, rows.Length);
        for (int i = 0; i < phone.Length; i++)
            Assert.Matches(Row(phone[i].Name, i + 1, "-b----", $"system_u:system_r:{phone[i].Type}"), rows[i]);

        Assert.Equal(0, run.Xl("pause", "vault").Exit);
        Assert.Matches(Row("vault", 1, "-bp---"), run.ListWhenBlocked()[0]);
        Assert.Equal(0, run.Xl("unpause", "vault").Exit);
        Assert.Equal(0, run.Xl("destroy", "radio").Exit);
        Assert.Equal(2, run.ListWhenBlocked().Length);
        Assert.Contains("(XEN) d3: destroyed by d0", run.Stdout.Split('\n'));
    }
}
