using Cloister.Flask.Binary;
using Cloister.Flask.Model;

namespace Cloister.Flask.Server;

/// <summary>
/// The FLASK security server (Xen's ss/services.c): owns the policy, the SID table, the
/// booleans and the enforcing flag, and answers access and labelling queries. Errors are
/// negative Xen errno values. Calls are serialised by a lock; the AVC in front of it
/// keeps the common path off this object.
/// </summary>
public sealed partial class SecurityServer
{
    readonly object gate = new();
    PolicyDb? policy;
    AccessTables? tables;
    SidTable sids = new();
    bool[] bools = [];
    bool[] pendingBools = [];
    int domainClass, domainTransitionBit = -1;

    /// <summary>Changes whenever a decision could change: policy load, boolean commit, setenforce.</summary>
    public uint Seqno { get; private set; }
    public bool Enforcing { get; private set; } = true;
    public PolicyDb? Policy => policy;

    /// <summary>
    /// The classes and permissions of the caller (the hypervisor sets <see cref="XenVocabulary.Classes"/>).
    /// When set, a policy must number them the same way; null accepts any policy (policy inspection).
    /// </summary>
    public (string Name, string[] Permissions)[]? Vocabulary { get; init; }

    /// <summary>Xen's initial SID numbers (order of policy/flask/initial_sids).</summary>
    public const uint SidXenBoot = 1, SidXen = 2, SidDom0 = 3, SidDomIo = 4, SidDomXen = 5, SidUnlabeled = 6,
        SidSecurity = 7, SidIoPort = 8, SidIoMem = 9, SidIrq = 10, SidDevice = 11, SidDomU = 12, SidDomDM = 13;

    /// <summary>Loads a policy, or replaces the current one keeping SIDs meaningful. Returns 0 or -EINVAL with a reason.</summary>
    public int Load(byte[] image, out string error)
    {
        var p = PolicyReader.TryRead(image, out error);
        if (p is null) return FlaskErrno.EINVAL;
        if (Vocabulary is not null && VocabularyCheck.Problem(p, Vocabulary) is { } problem)
        {
            error = problem;
            return FlaskErrno.EINVAL;
        }
        lock (gate)
        {
            if (policy is not null && policy.Mls != p.Mls)
            {
                error = "cannot switch between MLS and non-MLS policies";   // as Xen refuses it
                return FlaskErrno.EINVAL;
            }
            var newBools = p.Bools.Select(b => b.DefaultState).ToArray();
            if (policy is not null)
                foreach (var b in p.Bools)   // Xen keeps boolean values across a reload
                    if (policy.BoolByName.TryGetValue(b.Name, out int old)) newBools[b.Value - 1] = bools[old - 1];
            var newSids = BuildSidTable(p, policy, sids);
            policy = p;
            bools = newBools;
            pendingBools = (bool[])newBools.Clone();
            tables = new AccessTables(p, bools);
            sids = newSids;
            domainClass = p.ClassByName.GetValueOrDefault("domain");
            domainTransitionBit = domainClass == 0 ? -1 : p.Classes[domainClass - 1].PermissionBit("transition");
            Seqno++;
        }
        return FlaskErrno.Ok;
    }

    /// <summary>Initial SIDs from the new policy; every other SID re-mapped by names, or to unlabeled when it no longer fits.</summary>
    static SidTable BuildSidTable(PolicyDb p, PolicyDb? old, SidTable oldSids)
    {
        var table = new SidTable();
        foreach (var (sid, ctx) in p.ObjectContexts.InitialSids) table.SetInitial((uint)sid, ctx);
        if (old is null) return table;
        bool hasUnlabeled = table.TryGet(SidUnlabeled, out var unlabeled);
        foreach (var (sid, ctx) in oldSids.Entries)
        {
            if (table.TryGet(sid, out _)) continue;
            var mapped = ContextStrings.Parse(p, ContextStrings.Format(old, ctx), out _);
            if (mapped is { } m && ContextValidity.IsValid(p, m)) table.Set(sid, m);
            else if (hasUnlabeled) table.Set(sid, unlabeled);
            // else the SID is forgotten: a policy without an unlabeled context has nothing to give it.
        }
        return table;
    }

    public int ContextToSid(string context, out uint sid, out string error)
    {
        sid = 0;
        lock (gate)
        {
            if (policy is null) { error = "no policy loaded"; return FlaskErrno.EINVAL; }
            var c = ContextStrings.Parse(policy, context, out error);
            if (c is null) return FlaskErrno.EINVAL;
            if (!ContextValidity.IsValid(policy, c.Value)) { error = $"invalid context '{context}': {ContextValidity.Explain(policy, c.Value)}"; return FlaskErrno.EINVAL; }
            sid = sids.GetOrAdd(c.Value);
            if (sid == 0) { error = "SID table is full"; return FlaskErrno.ENOMEM; }
            return FlaskErrno.Ok;
        }
    }

    public int SidToContext(uint sid, out string context)
    {
        lock (gate)
        {
            context = "";
            if (policy is null || !sids.TryGet(sid, out var c)) return FlaskErrno.EINVAL;
            context = ContextStrings.Format(policy, c);
            return FlaskErrno.Ok;
        }
    }

    /// <summary>Xen's security_compute_av: rules for every attribute pair, constraints, role allow, permissive types.</summary>
    public int ComputeAv(uint ssid, uint tsid, int tclass, out AvDecision decision)
    {
        lock (gate)
        {
            decision = default;
            if (policy is null || !sids.TryGet(ssid, out var s) || !sids.TryGet(tsid, out var t)) return FlaskErrno.EINVAL;
            return ComputeAvLocked(s, t, tclass, out decision);
        }
    }

    /// <summary>The same computation for contexts given directly (used by `cloister flask compute-av`).</summary>
    public int ComputeAv(SecurityContext s, SecurityContext t, int tclass, out AvDecision decision)
    {
        lock (gate)
        {
            decision = default;
            if (policy is null || !ContextValidity.IsValid(policy, s) || !ContextValidity.IsValid(policy, t)) return FlaskErrno.EINVAL;
            return ComputeAvLocked(s, t, tclass, out decision);
        }
    }

    int ComputeAvLocked(in SecurityContext s, in SecurityContext t, int tclass, out AvDecision decision)
    {
        var p = policy!;
        bool permissive = p.PermissiveTypes.Get(s.Type);
        if (tclass < 1 || tclass > p.Classes.Length)
        {
            // A class the hypervisor knows and the policy does not: the policy's handle-unknown flag decides.
            decision = new AvDecision(p.HandleUnknown == HandleUnknown.Allow ? uint.MaxValue : 0, 0, uint.MaxValue, permissive, Seqno);
            return tclass < 1 ? FlaskErrno.EINVAL : FlaskErrno.Ok;
        }
        var cls = p.Classes[tclass - 1];
        var v = tables!.Lookup(p.TypeAttributes[s.Type - 1], p.TypeAttributes[t.Type - 1], tclass);
        uint allowed = v.Allowed;

        foreach (var cons in cls.Constraints)
            if ((cons.Permissions & allowed) != 0 && !ConstraintEvaluator.Evaluate(p, s, t, null, cons.Expr))
                allowed &= ~cons.Permissions;

        // Changing role on a domain transition also needs a role allow rule.
        if (tclass == domainClass && domainTransitionBit >= 0 && (allowed & (1u << domainTransitionBit)) != 0 &&
            s.Role != t.Role && !RoleAllowed(p, s.Role, t.Role))
            allowed &= ~(1u << domainTransitionBit);

        if (p.HandleUnknown == HandleUnknown.Allow) allowed |= ~cls.DefinedMask;
        decision = new AvDecision(allowed, v.AuditAllow, v.AuditDeny, permissive, Seqno);
        return FlaskErrno.Ok;
    }

    static bool RoleAllowed(Model.PolicyDb p, int from, int to)
    {
        foreach (var ra in p.RoleAllows) if (ra.Role == from && ra.NewRole == to) return true;
        return false;
    }

    public int ClassValue(string name) => policy?.ClassByName.GetValueOrDefault(name) ?? 0;
}
