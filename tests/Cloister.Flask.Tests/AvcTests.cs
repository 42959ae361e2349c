using Cloister.Flask.Server;
using Cloister.Flask.Tests.Support;

namespace Cloister.Flask.Tests;

/// <summary>
/// The AVC against the security server it caches: same decisions, hits counted, flushed when
/// the sequence number moves, audit lines in Xen's format. Where a test needs to know a
/// decision of the project's policy, it asks setools first.
/// </summary>
public class AvcTests
{
    static (SecurityServer, Avc, List<string>) Setup()
    {
        var server = new SecurityServer();
        Assert.Equal(0, server.Load(File.ReadAllBytes(TestPaths.ProjectPolicy), out _));
        var audit = new List<string>();
        return (server, new Avc(server) { AuditSink = audit.Add }, audit);
    }

    static uint Sid(SecurityServer s, string type)
    {
        Assert.Equal(0, s.ContextToSid($"system_u:system_r:{type}", out uint sid, out string error));
        return sid;
    }

    static string OracleSays(string query, string bools = "") =>
        Tools.Oracle(TestPaths.ProjectPolicy, $"@bools {bools}\n{query}\n")[0];

    [Fact]
    public void DeniedRequestIsRefusedAndAuditedInXensFormat()
    {
        Assert.DoesNotContain("bind", OracleSays("domU_t vault_t event").Split(' '));
        var (server, avc, audit) = Setup();
        int rc = avc.HasPerm(Sid(server, "domU_t"), Sid(server, "vault_t"), server.ClassValue("event"), 1u << 0, new AuditSubjects(2, 3));
        Assert.Equal(FlaskErrno.EACCES, rc);
        Assert.Equal(["avc:  denied  { bind } for source=d2 target=d3 scontext=system_u:system_r:domU_t tcontext=system_u:system_r:vault_t tclass=event"], audit);
    }

    /// <summary>
    /// A small policy whose audit rules are the point: `dontaudit a_t b_t:event bind` (a denial
    /// nobody wants logged) and `auditallow a_t c_t:event send` on top of `allow a_t c_t:event send`.
    /// </summary>
    static (SecurityServer, Avc, List<string>) AuditPolicy()
    {
        var server = new SecurityServer();
        Assert.Equal(0, server.Load(SmallPolicy.Compile(
            "allow a_t c_t:event send;\nauditallow a_t c_t:event send;\ndontaudit a_t b_t:event bind;"), out _));
        var audit = new List<string>();
        return (server, new Avc(server) { AuditSink = audit.Add }, audit);
    }

    [Fact]
    public void DontauditSilencesADenial()
    {
        var (server, avc, audit) = AuditPolicy();
        int evt = server.ClassValue("event");
        Assert.Equal(FlaskErrno.EACCES, avc.HasPerm(Sid(server, "a_t"), Sid(server, "b_t"), evt, XenVocabulary.Permission("event", "bind")));
        Assert.Empty(audit);
        // The same denial without a dontaudit rule is logged.
        Assert.Equal(FlaskErrno.EACCES, avc.HasPerm(Sid(server, "a_t"), Sid(server, "c_t"), evt, XenVocabulary.Permission("event", "bind")));
        Assert.Single(audit);
    }

    [Fact]
    public void AuditallowLogsAGrant()
    {
        var (server, avc, audit) = AuditPolicy();
        int evt = server.ClassValue("event");
        Assert.Equal(0, avc.HasPerm(Sid(server, "a_t"), Sid(server, "c_t"), evt, XenVocabulary.Permission("event", "send"), new AuditSubjects(4, 5)));
        Assert.Equal(["avc:  granted  { send } for source=d4 target=d5 scontext=system_u:system_r:a_t tcontext=system_u:system_r:c_t tclass=event"], audit);
    }

    [Fact]
    public void RepeatedLookupsHitTheCache()
    {
        var (server, avc, _) = Setup();
        uint s = Sid(server, "dom0_t"), t = Sid(server, "domU_t");
        int cls = server.ClassValue("domain");
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(0, avc.Lookup(s, t, cls, out var cached));
            Assert.Equal(0, server.ComputeAv(s, t, cls, out var direct));
            Assert.Equal(direct, cached);
        }
        Assert.Equal(10, avc.Statistics.Lookups);
        Assert.Equal(9, avc.Statistics.Hits);
        Assert.Equal(1, avc.Statistics.Misses);
    }

    [Fact]
    public void BooleanCommitInvalidatesCachedDecisions()
    {
        var (server, avc, _) = Setup();
        uint ui = Sid(server, "ui_t"), vault = Sid(server, "vault_t");
        int grant = server.ClassValue("grant");
        uint mapRead = 1u << 0;
        bool before = OracleSays("ui_t vault_t grant").Split(' ').Contains("map_read");
        bool after = OracleSays("ui_t vault_t grant", "vault_locked=1").Split(' ').Contains("map_read");
        Assert.NotEqual(before, after);

        Assert.Equal(before, avc.HasPerm(ui, vault, grant, mapRead) == 0);
        Assert.Equal(0, server.SetBool(server.FindBool("vault_locked"), true, commit: true));
        Assert.Equal(after, avc.HasPerm(ui, vault, grant, mapRead) == 0);
        Assert.Equal(1, avc.Statistics.Flushes);
    }

    [Fact]
    public void PermissiveModeGrantsButStillAudits()
    {
        var (server, avc, audit) = Setup();
        server.SetEnforcing(false);
        Assert.Equal(0, avc.HasPerm(Sid(server, "domU_t"), Sid(server, "vault_t"), server.ClassValue("event"), 1));
        Assert.Single(audit);
        Assert.StartsWith("avc:  denied  { bind }", audit[0]);
    }

    [Fact]
    public void PermissiveModeAuditsADenialOncePerCacheLifetimeAsXenDoes()
    {
        // Xen's avc_has_perm_noaudit grants the requested permissions in the cached entry after a
        // denial it lets through, so a guest retrying the same call is not logged again.
        var (server, avc, audit) = Setup();
        server.SetEnforcing(false);
        uint domU = Sid(server, "domU_t"), vault = Sid(server, "vault_t");
        int evt = server.ClassValue("event");
        for (int i = 0; i < 5; i++) Assert.Equal(0, avc.HasPerm(domU, vault, evt, 1));
        Assert.Single(audit);
        // Another permission of the same triple is a new denial.
        uint send = XenVocabulary.Permission("event", "send");
        Assert.DoesNotContain("send", OracleSays("domU_t vault_t event").Split(' '));
        Assert.Equal(0, avc.HasPerm(domU, vault, evt, send));
        Assert.Equal(2, audit.Count);
        // The server itself still says no: FLASK_ACCESS and the next cache start from it.
        Assert.Equal(0, server.ComputeAv(domU, vault, evt, out var d));
        Assert.Equal(0u, d.Allowed & 1);
        // setenforce flushes the cache: back in enforcing mode the denial is refused and audited.
        server.SetEnforcing(true);
        Assert.Equal(FlaskErrno.EACCES, avc.HasPerm(domU, vault, evt, 1));
        Assert.Equal(3, audit.Count);
    }

    [Fact]
    public void EnforcingModeAuditsEveryDenialAsXenDoes()
    {
        var (server, avc, audit) = Setup();
        uint domU = Sid(server, "domU_t"), vault = Sid(server, "vault_t");
        for (int i = 0; i < 5; i++) Assert.Equal(FlaskErrno.EACCES, avc.HasPerm(domU, vault, server.ClassValue("event"), 1));
        Assert.Equal(5, audit.Count);
    }

    [Fact]
    public void ReloadAndSetenforceAlsoStartTheCacheOver()
    {
        var (server, avc, _) = Setup();
        uint s = Sid(server, "dom0_t"), t = Sid(server, "domU_t");
        int cls = server.ClassValue("domain");
        avc.Lookup(s, t, cls, out _);
        Assert.Equal(0, server.Load(File.ReadAllBytes(TestPaths.ProjectPolicy), out _));
        avc.Lookup(s, t, cls, out _);
        server.SetEnforcing(false);
        avc.Lookup(s, t, cls, out _);
        Assert.Equal(2, avc.Statistics.Flushes);
        Assert.Equal(3, avc.Statistics.Misses);
        Assert.Equal(0, avc.Statistics.Hits);
    }

    [Fact]
    public void ConcurrentLookupsAgreeWithTheServer()
    {
        // The hit path takes no lock: several threads hammering it must still see the server's decisions.
        var (server, avc, _) = Setup();
        string[] types = ["dom0_t", "domU_t", "ui_t", "vault_t", "radio_t", "phone_ctl_t", "isolated_domU_t"];
        uint[] sids = [.. types.Select(t => Sid(server, t))];
        int classes = server.Policy!.Classes.Length;
        var expected = new Dictionary<(uint, uint, int), uint>();
        foreach (var s in sids)
            foreach (var t in sids)
                for (int c = 1; c <= classes; c++) { server.ComputeAv(s, t, c, out var d); expected[(s, t, c)] = d.Allowed; }
        int wrong = 0;
        Parallel.For(0, 4, worker =>
        {
            var rng = new Random(worker);
            for (int i = 0; i < 50_000; i++)
            {
                uint s = sids[rng.Next(sids.Length)], t = sids[rng.Next(sids.Length)];
                int c = rng.Next(1, classes + 1);
                avc.Lookup(s, t, c, out var d);
                if (d.Allowed != expected[(s, t, c)]) Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }
}
