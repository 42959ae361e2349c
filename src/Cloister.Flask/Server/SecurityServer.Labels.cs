using Cloister.Flask.Model;

namespace Cloister.Flask.Server;

public sealed partial class SecurityServer
{
    /// <summary>Label of a new object or domain (type_transition), Xen's security_transition_sid.</summary>
    public int TransitionSid(uint ssid, uint tsid, int tclass, out uint sid) => ComputeSid(ssid, tsid, tclass, AvKind.Transition, out sid);

    /// <summary>Label of a member object (type_member), Xen's security_member_sid.</summary>
    public int MemberSid(uint ssid, uint tsid, int tclass, out uint sid) => ComputeSid(ssid, tsid, tclass, AvKind.Member, out sid);

    /// <summary>Label for relabelling (type_change), Xen's security_change_sid (flask_op RELABEL).</summary>
    public int ChangeSid(uint ssid, uint tsid, int tclass, out uint sid) => ComputeSid(ssid, tsid, tclass, AvKind.Change, out sid);

    int ComputeSid(uint ssid, uint tsid, int tclass, ushort kind, out uint sid)
    {
        lock (gate)
        {
            sid = 0;
            if (policy is null || !sids.TryGet(ssid, out var s) || !sids.TryGet(tsid, out var t)) return FlaskErrno.EINVAL;
            int rc = ComputeContextLocked(s, t, tclass, kind, out var c);
            if (rc != 0) return rc;
            sid = sids.GetOrAdd(c);
            return sid == 0 ? FlaskErrno.ENOMEM : FlaskErrno.Ok;
        }
    }

    /// <summary>The new context for contexts given directly (used by `cloister flask transition`).</summary>
    public int ComputeContext(SecurityContext s, SecurityContext t, int tclass, ushort kind, out SecurityContext result)
    {
        lock (gate)
        {
            result = default;
            if (policy is null || !ContextValidity.IsValid(policy, s) || !ContextValidity.IsValid(policy, t)) return FlaskErrno.EINVAL;
            return ComputeContextLocked(s, t, tclass, kind, out result);
        }
    }

    int ComputeContextLocked(in SecurityContext s, in SecurityContext t, int tclass, ushort kind, out SecurityContext result)
    {
        var p = policy!;
        result = default;
        if (tclass < 1 || tclass > p.Classes.Length) return FlaskErrno.EINVAL;
        var cls = p.Classes[tclass - 1];
        bool isDomain = tclass == domainClass;

        // Defaults: a domain keeps its user, role and type; an object gets object_r and the target's type.
        int user = kind == AvKind.Member ? t.User : s.User;
        int role = isDomain ? s.Role : PolicyDb.ObjectRole;
        int type = isDomain ? s.Type : t.Type;
        // Class defaults (default_user / default_role / default_type): 1 = source, 2 = target.
        if (cls.DefaultUser != 0) user = cls.DefaultUser == 1 ? s.User : t.User;
        if (cls.DefaultRole != 0) role = cls.DefaultRole == 1 ? s.Role : t.Role;
        if (cls.DefaultType != 0) type = cls.DefaultType == 1 ? s.Type : t.Type;

        int ruleType = tables!.TypeRule(s.Type, t.Type, tclass, kind);
        if (ruleType != 0) type = ruleType;

        if (isDomain && kind == AvKind.Transition)
            foreach (var rt in p.RoleTransitions)
                if (rt.Role == s.Role && rt.Type == t.Type && rt.Class == tclass) { role = rt.NewRole; break; }

        var range = MlsRange.None;
        if (p.Mls) range = ComputeRange(p, s, t, tclass, kind, isDomain);

        result = new SecurityContext(user, role, type, range);
        if (!ContextValidity.IsValid(p, result) && Enforcing) return FlaskErrno.EACCES;
        return FlaskErrno.Ok;
    }

    /// <summary>Xen's mls_compute_sid: a range_transition rule, else the source's range (domains) or low level (objects).</summary>
    static MlsRange ComputeRange(PolicyDb p, in SecurityContext s, in SecurityContext t, int tclass, ushort kind, bool isDomain)
    {
        if (kind == AvKind.Transition)
            foreach (var rt in p.RangeTransitions)
                if (rt.SourceType == s.Type && rt.TargetType == t.Type && rt.Class == tclass) return rt.Range;
        if (kind != AvKind.Member && isDomain) return s.Range;
        return new MlsRange(s.Range.Low, s.Range.Low);
    }

    /// <summary>
    /// Xen's security_validate_transition: may an object of class <paramref name="tclass"/> go from
    /// <paramref name="oldSid"/> to <paramref name="newSid"/> at the request of <paramref name="taskSid"/>?
    /// Every validatetrans constraint of the class must hold (old = 1, new = 2, task = 3);
    /// a failure is -EPERM when enforcing.
    /// </summary>
    public int ValidateTransition(uint oldSid, uint newSid, uint taskSid, int tclass)
    {
        lock (gate)
        {
            if (policy is null || !sids.TryGet(oldSid, out var o) || !sids.TryGet(newSid, out var n) ||
                !sids.TryGet(taskSid, out var t) || tclass < 1 || tclass > policy.Classes.Length)
                return FlaskErrno.EINVAL;
            foreach (var cons in policy.Classes[tclass - 1].ValidateTrans)
                if (!ConstraintEvaluator.Evaluate(policy, o, n, t, cons.Expr))
                    return Enforcing ? FlaskErrno.EPERM : FlaskErrno.Ok;
            return FlaskErrno.Ok;
        }
    }

    public bool IsValidSid(uint sid)
    {
        lock (gate) return sids.TryGet(sid, out _);
    }

    /// <summary>Label of a physical IRQ (pirqcon), or the irq initial SID when the policy names none.</summary>
    public uint PirqSid(uint pirq) =>
        ResourceSid(p => p.ObjectContexts.Pirqs.Where(x => x.Pirq == pirq).Select(x => x.Context), SidIrq);

    /// <summary>Label of an I/O memory frame (iomemcon), or the iomem initial SID.</summary>
    public uint IoMemSid(ulong frame) =>
        ResourceSid(p => p.ObjectContexts.IoMem.Where(x => x.Low <= frame && frame <= x.High).Select(x => x.Context), SidIoMem);

    /// <summary>Label of an I/O port (ioportcon), or the ioport initial SID.</summary>
    public uint IoPortSid(uint port) =>
        ResourceSid(p => p.ObjectContexts.IoPorts.Where(x => x.Low <= port && port <= x.High).Select(x => x.Context), SidIoPort);

    /// <summary>Label of a PCI device (pcidevicecon), or the device initial SID.</summary>
    public uint PciDeviceSid(uint device) =>
        ResourceSid(p => p.ObjectContexts.Devices.Where(x => x.Device == device).Select(x => x.Context), SidDevice);

    /// <summary>Label of a device tree node (devicetreecon), or the device initial SID.</summary>
    public uint DeviceTreeSid(string path) =>
        ResourceSid(p => p.ObjectContexts.DeviceTree.Where(x => x.Path == path).Select(x => x.Context), SidDevice);

    uint ResourceSid(Func<PolicyDb, IEnumerable<SecurityContext>> find, uint fallback)
    {
        lock (gate)
        {
            if (policy is null) return fallback;
            foreach (var c in find(policy)) return sids.GetOrAdd(c);
            return fallback;
        }
    }
}
