using System.Text;

namespace Cloister.Flask.Server;

/// <summary>What an audit record says about the two parties (Xen's avc_audit_data, the domain part).</summary>
public readonly record struct AuditSubjects(int? SourceDomain, int? TargetDomain);

/// <summary>AVC counters, as Xen's avc_cache_stats.</summary>
public sealed class AvcStatistics
{
    public long Lookups, Hits, Misses, Allocations, Reclaims, Flushes;
}

/// <summary>
/// The access vector cache (Xen's avc.c) in front of the security server: a direct-mapped
/// table of decisions keyed by (source SID, target SID, class). Every entry remembers the
/// server's sequence number; a policy load, boolean commit or setenforce changes it, and the
/// next lookup flushes the whole cache.
/// </summary>
public sealed class Avc
{
    const int Slots = 1024;   // power of two

    /// <summary>An immutable cache entry: replaced whole, so readers need no lock.</summary>
    sealed record Entry(uint Ssid, uint Tsid, int Class, AvDecision Decision);

    readonly SecurityServer server;
    readonly Entry?[] entries = new Entry?[Slots];
    readonly object gate = new();
    uint seqno;

    /// <summary>Counters; updated without synchronisation, so approximate when several CPUs share the AVC.</summary>
    public AvcStatistics Statistics { get; } = new();
    /// <summary>Receives one line per audited decision, in Xen's format.</summary>
    public Action<string>? AuditSink { get; set; }

    public Avc(SecurityServer server) { this.server = server; seqno = server.Seqno; }

    static int Slot(uint ssid, uint tsid, int tclass) =>
        (int)(((ssid * 0x9E3779B1u) ^ (tsid * 0x85EBCA77u) ^ (uint)tclass * 0xC2B2AE3Du) >> 22) & (Slots - 1);

    /// <summary>The decision for a triple, from the cache or the server; error from the server otherwise.</summary>
    public int Lookup(uint ssid, uint tsid, int tclass, out AvDecision decision)
    {
        Statistics.Lookups++;
        if (server.Seqno != seqno) Flush();
        int slot = Slot(ssid, tsid, tclass);
        var e = Volatile.Read(ref entries[slot]);
        if (e is not null && e.Ssid == ssid && e.Tsid == tsid && e.Class == tclass && e.Decision.Seqno == seqno)
        {
            Statistics.Hits++;
            decision = e.Decision;
            return FlaskErrno.Ok;
        }
        Statistics.Misses++;
        int rc = server.ComputeAv(ssid, tsid, tclass, out decision);
        if (rc != 0) return rc;
        if (e is not null) Statistics.Reclaims++;
        Statistics.Allocations++;
        Volatile.Write(ref entries[slot], new Entry(ssid, tsid, tclass, decision));
        return FlaskErrno.Ok;
    }

    void Flush()
    {
        lock (gate)
        {
            uint current = server.Seqno;
            if (current == seqno) return;
            Array.Clear(entries);
            seqno = current;
            Statistics.Flushes++;
        }
    }

    /// <summary>
    /// Xen's avc_has_perm: 0 when every requested permission is allowed (or the server is
    /// permissive, or the source type is permissive), -EACCES otherwise. Audits as the policy says.
    /// </summary>
    public int HasPerm(uint ssid, uint tsid, int tclass, uint requested, AuditSubjects subjects = default)
    {
        int rc = Lookup(ssid, tsid, tclass, out var d);
        if (rc != 0) return rc;
        uint denied = requested & ~d.Allowed;
        int result = FlaskErrno.Ok;
        if (denied != 0)
        {
            if (server.Enforcing && !d.Permissive) result = FlaskErrno.EACCES;
            else GrantInCache(ssid, tsid, tclass, requested, d);
        }
        if (AuditSink is { } sink)
        {
            if (denied != 0 && (denied & d.AuditDeny) != 0) sink(AuditLine(true, denied, ssid, tsid, tclass, subjects));
            else if (denied == 0 && (requested & d.AuditAllow) != 0) sink(AuditLine(false, requested, ssid, tsid, tclass, subjects));
        }
        return result;
    }

    /// <summary>Xen's AVC_CALLBACK_GRANT after a denial let through (permissive): the cached entry
    /// now allows what was asked, so the same request is audited once per cache lifetime (until a
    /// policy load, setenforce or boolean commit flushes it, or another triple takes its slot).</summary>
    void GrantInCache(uint ssid, uint tsid, int tclass, uint requested, AvDecision decision)
    {
        int slot = Slot(ssid, tsid, tclass);
        var e = Volatile.Read(ref entries[slot]);
        if (e is null || e.Ssid != ssid || e.Tsid != tsid || e.Class != tclass || e.Decision.Seqno != decision.Seqno) return;
        Volatile.Write(ref entries[slot], e with { Decision = e.Decision with { Allowed = e.Decision.Allowed | requested } });
    }

    /// <summary>`avc:  denied  { bind } for source=d2 target=d3 scontext=... tcontext=... tclass=event`.</summary>
    string AuditLine(bool denied, uint perms, uint ssid, uint tsid, int tclass, AuditSubjects subjects)
    {
        var p = server.Policy!;
        var sb = new StringBuilder("avc:  ").Append(denied ? "denied" : "granted").Append("  {");
        var names = tclass >= 1 && tclass <= p.Classes.Length ? p.Classes[tclass - 1].Permissions : [];
        for (int bit = 0; bit < 32; bit++)
        {
            if ((perms & (1u << bit)) == 0) continue;
            if (bit < names.Length && names[bit] is { } n) { sb.Append(' ').Append(n); perms &= ~(1u << bit); }
        }
        if (perms != 0) sb.Append($" 0x{perms:x}");
        sb.Append(" } for ");
        if (subjects.SourceDomain is { } sd) sb.Append($"source=d{sd} ");
        if (subjects.TargetDomain is { } td) sb.Append($"target=d{td} ");
        sb.Append(server.SidToContext(ssid, out string sctx) == 0 ? $"scontext={sctx}" : $"ssid={ssid}");
        sb.Append(server.SidToContext(tsid, out string tctx) == 0 ? $" tcontext={tctx}" : $" tsid={tsid}");
        sb.Append(" tclass=").Append(tclass >= 1 && tclass <= p.Classes.Length ? p.Classes[tclass - 1].Name : tclass.ToString());
        return sb.ToString();
    }
}
