using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>flask_op through xsm_op: getenforce and getbool need nothing; setenforce, setbool and
/// load_policy are granted or denied as the policy says (sesearch on the same binary), denials
/// audited.</summary>
public class FlaskOpTests
{
    static string Policy => Path.Combine(RepositoryRoot.Path, "policy", "cloister.30");

    [Theory]
    [InlineData("domU_t")]
    [InlineData("dom0_t")]
    public void Enforcement_and_policy_loads_follow_the_policy(string type)
    {
        bool mayEnforce = Sesearch.Allows(Policy, type, "security_t", "security", "setenforce");
        bool mayLoad = Sesearch.Allows(Policy, type, "security_t", "security", "load_policy");
        bool maySetBool = Sesearch.Allows(Policy, type, "security_t", "security", "setbool");
        // The guest sets the boolean after its setenforce 0: permissive mode allows it as well.
        int setBool = maySetBool || mayEnforce ? 0 : -13;
        // The guest checks its own results too: tell it what the policy decided.
        string expect = $"expect_setenforce={(mayEnforce ? 0 : -13)} expect_load={(mayLoad ? -22 : -13)} expect_setbool={setBool}";
        var (exit, lines) = SingleGuestRun.Run("flaskprobe.elf", type, expect);
        Assert.Equal(0, exit);
        Assert.Contains("(d1) Test result: SUCCESS", lines);
        Assert.Contains($"(d1) flaskprobe: setenforce 0: {(mayEnforce ? 0 : -13)}", lines);
        Assert.Contains($"(d1) flaskprobe: getenforce: {(mayEnforce ? 0 : 1)}", lines);
        // A bogus image is refused by the reader (-EINVAL) when loading is allowed at all.
        Assert.Contains($"(d1) flaskprobe: load a policy: {(mayLoad ? -22 : -13)}", lines);
        Assert.Equal(!mayEnforce, lines.Any(l => l.StartsWith("(XEN) avc:  denied  { setenforce } for source=d1")));
        Assert.Equal(!mayLoad, lines.Any(l => l.StartsWith("(XEN) avc:  denied  { load_policy } for source=d1")));
        // Booleans are read by name and by id without any permission (the guest checks the
        // value, name and errors); setting one is security:setbool.
        Assert.Contains("(d1) flaskprobe: getbool guest_to_guest: 0", lines);
        Assert.Contains($"(d1) flaskprobe: setbool guest_to_guest: {setBool}", lines);
        Assert.Equal(!maySetBool, lines.Any(l => l.StartsWith("(XEN) avc:  denied  { setbool } for source=d1")));
    }
}
