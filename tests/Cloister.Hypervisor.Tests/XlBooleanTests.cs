using System.Text.RegularExpressions;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// `xl getbool` / `xl setbool` against a running instance: dom0's flask_op GETBOOL/SETBOOL (with
/// commit). Values and decisions come from setools on policy/cloister.30, the policy `run` loads;
/// the format is that of Xen's flask-get-bool ("NAME: 1", "NAME: 0 (pending 1)").
/// </summary>
public class XlBooleanTests
{
    static string Policy => Path.Combine(RepositoryRoot.Path, "policy", "cloister.30");
    const string LoadBool = "dom0_may_load_policy";

    [Fact]
    public void Getbool_a_lists_every_boolean_with_its_value()
    {
        var defaults = SetoolsBooleans.Defaults(Policy);
        Assert.NotEmpty(defaults);
        using var run = new XlInstance(("alpha", "domU_t"));
        var (exit, output, _) = run.Xl("getbool", "-a");
        Assert.Equal(0, exit);
        var expected = defaults.Select(b => $"{b.Key}: {(b.Value ? 1 : 0)}").Order();
        Assert.Equal(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
        var (one, vault, _) = run.Xl("getbool", "vault_locked");
        Assert.Equal((0, $"vault_locked: {(defaults["vault_locked"] ? 1 : 0)}\n"), (one, vault));
    }

    [Fact]
    public void Setbool_changes_a_decision_the_hypervisor_makes_for_dom0()
    {
        var off = new Dictionary<string, bool> { [LoadBool] = false };
        var on = new Dictionary<string, bool> { [LoadBool] = true };
        // The oracle: with the boolean set dom0 may switch enforcement and booleans; cleared, it may not.
        Assert.True(SetoolsBooleans.AllowsWith(Policy, "dom0_t", "security_t", "security", "setenforce", on));
        Assert.True(SetoolsBooleans.AllowsWith(Policy, "dom0_t", "security_t", "security", "setbool", on));
        bool enforceOff = SetoolsBooleans.AllowsWith(Policy, "dom0_t", "security_t", "security", "setenforce", off);
        bool setboolOff = SetoolsBooleans.AllowsWith(Policy, "dom0_t", "security_t", "security", "setbool", off);
        Assert.False(enforceOff);
        Assert.False(setboolOff);

        using var run = new XlInstance(("alpha", "domU_t"));
        Assert.Equal((0, $"{LoadBool}: 1\n"), Pick(run.Xl("getbool", LoadBool)));
        Assert.Equal(0, run.Xl("setbool", LoadBool, "off").Exit);
        Assert.Equal((0, $"{LoadBool}: 0\n"), Pick(run.Xl("getbool", LoadBool)));

        // The running hypervisor now decides as the oracle does, with audited denials.
        var (exit, _, err) = run.Xl("setenforce", "0");
        Assert.Equal(1, exit);
        Assert.Equal("error occured while setting enforcing mode (-1): Permission denied\n", err);
        Assert.Equal("Enforcing\n", run.Xl("getenforce").Out);
        (exit, _, err) = run.Xl("setbool", LoadBool, "1");
        Assert.Equal(1, exit);
        Assert.Equal($"xc_flask_setbool: Unable to set boolean {LoadBool}=1: Permission denied (-1)\n", err);
        var dmesg = run.Xl("dmesg").Out.Split('\n');
        foreach (var perm in new[] { "setenforce", "setbool" })
            Assert.Contains($"(XEN) avc:  denied  {{ {perm} }} for source=d0 scontext=system_u:system_r:dom0_t "
                            + "tcontext=system_u:system_r:security_t tclass=security", dmesg);
        // Reading booleans needs no permission, as in Xen.
        Assert.Equal((0, $"{LoadBool}: 0\n"), Pick(run.Xl("getbool", LoadBool)));
    }

    [Fact]
    public void Setbool_changes_what_a_running_guest_may_do()
    {
        const string Bool = "guest_console_write";
        // The oracle: domU_t writes to the hypervisor console only while the boolean is set.
        Assert.True(SetoolsBooleans.AllowsWith(Policy, "domU_t", "xen_t", "xen", "writeconsole", new Dictionary<string, bool> { [Bool] = true }));
        Assert.False(SetoolsBooleans.AllowsWith(Policy, "domU_t", "xen_t", "xen", "writeconsole", new Dictionary<string, bool> { [Bool] = false }));
        string dir = Directory.CreateTempSubdirectory("cloister-chatter-").FullName;
        try
        {
            // guests/hv/chatter.c: a console_io line every 100 ms of system time, with the count of refused writes.
            string cfg = Path.Combine(dir, "chatter.cfg");
            File.WriteAllText(cfg, $"name = \"chatter\"\nmemory = 4\nkernel = \"{Path.Combine(RepositoryRoot.Path, "guests", "hv", "bin", "chatter.elf")}\"\n"
                                   + "seclabel = \"system_u:system_r:domU_t\"\n");
            using var run = new XlInstance([], [cfg]);
            WaitFor(run, "(d1) chatter: line 2, refused 0\n");

            Assert.Equal(0, run.Xl("setbool", Bool, "0").Exit);
            int cut = run.Stdout.Length;
            const string Denial = "(XEN) avc:  denied  { writeconsole } for source=d1 scontext=system_u:system_r:domU_t "
                                  + "tcontext=system_u:system_r:xen_t tclass=xen\n";
            WaitFor(run, Denial);
            string whileCut = run.Stdout[cut..];
            Assert.Equal(0, run.Xl("setbool", Bool, "1").Exit);
            // While the boolean was clear no line got through; the guest counted its refused writes.
            Assert.DoesNotContain("(d1) chatter:", whileCut);
            var refused = WaitFor(run, new Regex(@"\(d1\) chatter: line \d+, refused ([1-9]\d*)\n"));
            Assert.Equal(Regex.Matches(run.Stdout, Regex.Escape(Denial)).Count, int.Parse(refused.Groups[1].Value));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Waits until the run's output has the text.</summary>
    static void WaitFor(XlInstance run, string text) => WaitFor(run, new Regex(Regex.Escape(text)));

    /// <summary>Waits until the run's output matches.</summary>
    static Match WaitFor(XlInstance run, Regex regex)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var m = regex.Match(run.Stdout);
            if (m.Success) return m;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no '{regex}' in:\n{run.Stdout}");
            Thread.Sleep(20);
        }
    }

    [Fact]
    public void Errors_are_those_of_the_flask_tools()
    {
        using var run = new XlInstance(("alpha", "domU_t"));
        var (exit, _, err) = run.Xl("getbool", "no_such_bool");
        Assert.Equal((1, "xc_flask_getbool: Unable to get boolean no_such_bool: No such file or directory (-1)\n"), (exit, err));
        (exit, _, err) = run.Xl("setbool", "no_such_bool", "1");
        Assert.Equal((1, "xc_flask_setbool: Unable to set boolean no_such_bool=1: No such file or directory (-1)\n"), (exit, err));
        (exit, _, err) = run.Xl("setbool", "guest_to_guest", "maybe");
        Assert.Equal((1, "Unknown value maybe\n"), (exit, err));
        Assert.Equal(2, run.Xl("setbool", "guest_to_guest").Exit);
    }

    static (int, string) Pick((int Exit, string Out, string Err) r) => (r.Exit, r.Out);
}
