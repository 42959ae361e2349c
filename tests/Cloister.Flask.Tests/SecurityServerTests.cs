using Cloister.Flask.Server;
using Cloister.Flask.Tests.Support;

namespace Cloister.Flask.Tests;

/// <summary>SIDs, transitions and policy reload. Expected labels come from sesearch on the same binary.</summary>
public class SecurityServerTests
{
    static SecurityServer Load(string path)
    {
        var server = new SecurityServer();
        Assert.Equal(0, server.Load(File.ReadAllBytes(path), out string error));
        return server;
    }

    /// <summary>The type sesearch gives for a type_transition rule, or null when there is none.</summary>
    static string? SesearchTransition(string policy, string source, string target, string cls)
    {
        var (exit, stdout, _) = Tools.Run("sesearch", ["-T", "-s", source, "-t", target, "-c", cls, "-ds", "-dt", policy]);
        Assert.Equal(0, exit);
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("type_transition "));
        return line?.TrimEnd(';', ' ').Split(' ')[^1];
    }

    [Theory]
    [InlineData("ui_t", "vault_t", "event")]
    [InlineData("dom0_t", "domU_t", "event")]
    [InlineData("radio_t", "radio_t", "domain")]
    [InlineData("domU_t", "dom0_t", "grant")]
    public void TransitionFollowsTypeTransitionRules(string source, string target, string cls)
    {
        var server = Load(TestPaths.ProjectPolicy);
        Assert.Equal(0, server.ContextToSid($"system_u:system_r:{source}", out uint s, out _));
        Assert.Equal(0, server.ContextToSid($"system_u:system_r:{target}", out uint t, out _));
        Assert.Equal(0, server.TransitionSid(s, t, server.ClassValue(cls), out uint n));
        Assert.Equal(0, server.SidToContext(n, out string context));

        string expectedType = SesearchTransition(TestPaths.ProjectPolicy, source, target, cls)
            ?? (cls == "domain" ? source : target);   // no rule: a domain keeps its type, an object takes the target's
        string expectedRole = cls == "domain" ? "system_r" : "object_r";
        Assert.Equal($"system_u:{expectedRole}:{expectedType}", context);
    }

    [Fact]
    public void ContextsRoundTripAndInvalidOnesAreRefused()
    {
        var server = Load(TestPaths.ProjectMlsPolicy);
        Assert.Equal(0, server.ContextToSid("system_u:system_r:dom0_t:s0-s3:c0.c7", out uint sid, out _));
        Assert.Equal(0, server.SidToContext(sid, out string back));
        Assert.Equal("system_u:system_r:dom0_t:s0-s3:c0.c7", back);
        Assert.Equal(FlaskErrno.EINVAL, server.ContextToSid("system_u:system_r:dom0_t", out _, out _));          // no range
        Assert.Equal(FlaskErrno.EINVAL, server.ContextToSid("system_u:system_r:nosuch_t:s0", out _, out _));
        Assert.Equal(FlaskErrno.EINVAL, server.ContextToSid("system_u:system_r:dom0_t:s3-s0", out _, out _));    // high below low
        Assert.Equal(FlaskErrno.EINVAL, server.ContextToSid("system_u:system_r:domain_type:s0", out _, out _)); // attribute
    }

    [Fact]
    public void ReloadKeepsSidsOrMakesThemUnlabeled()
    {
        var server = Load(TestPaths.ProjectPolicy);
        Assert.Equal(0, server.ContextToSid("system_u:system_r:ui_t", out uint ui, out _));
        uint seq = server.Seqno;
        Assert.Equal(0, server.Load(File.ReadAllBytes(TestPaths.ProjectPolicy), out _));
        Assert.NotEqual(seq, server.Seqno);
        Assert.Equal(0, server.SidToContext(ui, out string same));
        Assert.Equal("system_u:system_r:ui_t", same);

        // A policy without ui_t: the SID survives, labelled as the new policy's unlabeled SID.
        var gen = new RandomPolicyGenerator(7, mls: false);
        Assert.Equal(0, server.Load(Tools.CheckPolicy(gen.Generate()), out _));
        Assert.Equal(0, server.SidToContext(ui, out string now));
        Assert.Equal(0, server.SidToContext(SecurityServer.SidUnlabeled, out string unlabeled));
        Assert.Equal(unlabeled, now);
    }

    [Fact]
    public void BooleansArePendingUntilCommitted()
    {
        var server = Load(TestPaths.ProjectPolicy);
        int b = server.FindBool("radio_may_reach_ui");
        Assert.NotEqual(0, b);
        Assert.Equal(0, server.GetBool(b, out bool initial, out _));
        uint seq = server.Seqno;
        Assert.Equal(0, server.SetBool(b, !initial, commit: false));
        Assert.Equal(0, server.GetBool(b, out bool current, out bool pending));
        Assert.Equal(initial, current);
        Assert.Equal(!initial, pending);
        Assert.Equal(seq, server.Seqno);
        server.CommitBools();
        Assert.Equal(0, server.GetBool(b, out current, out _));
        Assert.Equal(!initial, current);
        Assert.NotEqual(seq, server.Seqno);
        Assert.Equal(FlaskErrno.ENOENT, server.SetBool(999, true, commit: true));
    }
}
