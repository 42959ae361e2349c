using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// `xl loadpolicy FILE` against a running instance: dom0's flask_op LOAD with the file's bytes.
/// The second policy is the project's, rebuilt by checkpolicy with dom0's physinfo permission
/// taken out; sesearch on both binaries says what must change.
/// </summary>
public class XlLoadPolicyTests
{
    static string Policy => Path.Combine(RepositoryRoot.Path, "policy", "cloister.30");

    static PolicyVariant WithoutPhysinfo() => new("modules/dom0.te", "perfcontrol physinfo writeconsole", "perfcontrol writeconsole");

    [Fact]
    public void A_loaded_policy_changes_decisions_and_keeps_the_booleans()
    {
        using var variant = WithoutPhysinfo();
        Assert.True(Sesearch.Allows(Policy, "dom0_t", "xen_t", "xen", "physinfo"));
        Assert.False(Sesearch.Allows(variant.File, "dom0_t", "xen_t", "xen", "physinfo"));
        Assert.True(Sesearch.Allows(variant.File, "dom0_t", "xen_t", "xen", "readconsole"));

        using var run = new XlInstance(("alpha", "domU_t"));
        Assert.Equal(0, run.Xl("info").Exit);
        Assert.Equal(0, run.Xl("setbool", "guest_to_guest", "0").Exit);

        var (exit, output, _) = run.Xl("loadpolicy", variant.File);
        Assert.Equal((0, "Successfully loaded policy.\n"), (exit, output));
        var info = run.Xl("info");
        Assert.Equal((1, "libxl_physinfo failed: Permission denied\n"), (info.Exit, info.Err));
        Assert.Contains("(XEN) avc:  denied  { physinfo } for source=d0 scontext=system_u:system_r:dom0_t "
                        + "tcontext=system_u:system_r:xen_t tclass=xen", run.Xl("dmesg").Out.Split('\n'));
        // Xen keeps boolean values across a reload (security_preserve_bools).
        Assert.Equal("guest_to_guest: 0\n", run.Xl("getbool", "guest_to_guest").Out);
        // The domain keeps running under the new policy: dom0 still manages it.
        Assert.Single(run.ListWhenBlocked());

        // And back: the committed policy allows physinfo again.
        Assert.Equal(0, run.Xl("loadpolicy", Policy).Exit);
        Assert.Equal(0, run.Xl("info").Exit);
    }

    [Fact]
    public void A_bad_file_is_refused_and_the_old_policy_stays()
    {
        using var run = new XlInstance(("alpha", "domU_t"));
        string bad = Path.Combine(Path.GetTempPath(), $"cloister-bad-policy-{Environment.ProcessId}");
        try
        {
            // The committed policy cut short: the reader refuses it with the byte offset.
            File.WriteAllBytes(bad, File.ReadAllBytes(Policy)[..2000]);
            var (exit, _, err) = run.Xl("loadpolicy", bad);
            Assert.Equal(1, exit);
            var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("Unable to load new Flask policy: Invalid argument", lines[0]);
            Assert.StartsWith($"xl loadpolicy: {bad}: ", lines[1]);
            Assert.Equal(0, run.Xl("info").Exit);
            Assert.Equal("guest_to_guest: 1\n", run.Xl("getbool", "guest_to_guest").Out);
        }
        finally
        {
            File.Delete(bad);
        }
        var missing = run.Xl("loadpolicy", "/nonexistent/policy.30");
        Assert.Equal(1, missing.Exit);
        Assert.StartsWith("Error occurred opening policy file '/nonexistent/policy.30': ", missing.Err);
    }

    [Fact]
    public void Loading_is_denied_when_the_policy_says_so()
    {
        var off = new Dictionary<string, bool> { ["dom0_may_load_policy"] = false };
        Assert.False(SetoolsBooleans.AllowsWith(Policy, "dom0_t", "security_t", "security", "load_policy", off));
        using var run = new XlInstance(("alpha", "domU_t"));
        Assert.Equal(0, run.Xl("setbool", "dom0_may_load_policy", "0").Exit);
        var (exit, _, err) = run.Xl("loadpolicy", Policy);
        Assert.Equal((1, "Unable to load new Flask policy: Permission denied\n"), (exit, err));
        Assert.Contains("(XEN) avc:  denied  { load_policy } for source=d0 scontext=system_u:system_r:dom0_t "
                        + "tcontext=system_u:system_r:security_t tclass=security", run.Xl("dmesg").Out.Split('\n'));
    }
}
