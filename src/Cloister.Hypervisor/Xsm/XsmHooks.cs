using Cloister.Flask;
using Cloister.Flask.Server;
using Cloister.Hypervisor.Domains;

namespace Cloister.Hypervisor.Xsm;

/// <summary>
/// The XSM hooks, placed where Xen places them: each asks the FLASK security server, through
/// the AVC, whether the calling domain may do what it asks to the target, and denials are
/// audited on the hypervisor console. With FLASK disabled every hook allows.
/// </summary>
public sealed class XsmHooks
{
    // Refuses a policy whose classes or permissions are not numbered as Xen numbers them.
    readonly SecurityServer server = new() { Vocabulary = XenVocabulary.Classes };
    readonly Avc avc;

    public XsmHooks(FlaskMode mode, Action<string> audit)
    {
        Mode = mode;
        avc = new Avc(server) { AuditSink = audit };
    }

    public FlaskMode Mode { get; }
    public bool Active => Mode != FlaskMode.Disabled && server.Policy is not null;
    public SecurityServer Server => server;

    /// <summary>Loads the boot policy and sets the enforcing state the command line asks for.</summary>
    public bool LoadPolicy(byte[] policy, out string error)
    {
        error = "";
        if (Mode == FlaskMode.Disabled) return true;
        if (server.Load(policy, out error) != 0) return false;
        server.SetEnforcing(Mode == FlaskMode.Enforcing);
        return true;
    }

    /// <summary>The SIDs for a domain's configured label and for itself as a target; false when the
    /// policy does not accept the label.</summary>
    public bool LabelDomain(string label, out uint sid, out uint selfSid, out string error)
    {
        sid = selfSid = SecurityServer.SidDomU;
        error = "";
        if (!Active) return true;
        if (server.ContextToSid(label, out sid, out error) != 0) return false;
        if (server.TransitionSid(sid, sid, server.ClassValue("domain"), out selfSid) != 0) selfSid = sid;
        return true;
    }

    /// <summary>Xen's domain_target_sid: a domain acting on itself is checked against its self SID.</summary>
    static uint TargetSid(Domain source, Domain target) => source == target ? target.SelfSid : target.Sid;

    /// <summary>console_io: xen:writeconsole / xen:readconsole against the hypervisor's label.</summary>
    public int ConsoleIo(Domain d, bool write) =>
        DomainHasXen(d, write ? "writeconsole" : "readconsole");

    /// <summary>The label of a new unbound channel of <paramref name="d"/> that <paramref name="remote"/> may bind
    /// (Xen's flask_evtchn_unbound): type_transition, then d→channel create, channel→remote bind.</summary>
    public int EventUnbound(Domain d, Domain remote, out uint channelSid) =>
        NewChannel(d, remote, out channelSid);

    /// <summary>Binding <paramref name="d"/>'s new port to <paramref name="remote"/>'s unbound channel
    /// (flask_evtchn_interdomain): the new channel's create and bind checks, then the reverse bind
    /// check of the remote channel against d, which may have been relabelled since.</summary>
    public int EventInterdomain(Domain d, Domain remote, uint remoteChannelSid, out uint channelSid)
    {
        int rc = NewChannel(d, remote, out channelSid);
        if (rc != 0 || !Active) return rc;
        return Check(remoteChannelSid, TargetSid(remote, d), "event", "bind", new AuditSubjects(remote.Id, d.Id));
    }

    /// <summary>Labels d's new end of a channel to remote and checks that d may create it and that
    /// it may bind to remote.</summary>
    int NewChannel(Domain d, Domain remote, out uint channelSid) => NewChannel(d, d, remote, out channelSid);

    /// <summary>flask_evtchn_unbound with <paramref name="creator"/> as the current domain: the channel
    /// is labelled from d and remote, the creator needs create on it, the channel bind on remote.
    /// The domain builder uses it with dom0 as the creator of a guest's xenstore and console ports.</summary>
    public int NewChannel(Domain creator, Domain d, Domain remote, out uint channelSid)
    {
        channelSid = SecurityServer.SidUnlabeled;
        if (!Active) return 0;
        uint remoteSid = TargetSid(d, remote);
        int rc = server.TransitionSid(d.Sid, remoteSid, server.ClassValue("event"), out channelSid);
        if (rc != 0) return rc;
        var who = new AuditSubjects(creator.Id, remote.Id);
        rc = Check(creator.Sid, channelSid, "event", "create", who);
        return rc != 0 ? rc : Check(channelSid, remoteSid, "event", "bind", who);
    }

    /// <summary>Whether the policy lets <paramref name="creator"/> build channels of d towards remote,
    /// asked without an audit record: the builder only sets up a xenstore and a console for a domain
    /// dom0 is allowed to serve (the demo's vault is cut off from dom0 on purpose).</summary>
    public bool MayCreateChannel(Domain creator, Domain d, Domain remote)
    {
        if (!Active) return true;
        uint remoteSid = TargetSid(d, remote);
        int evt = server.ClassValue("event");
        if (evt == 0 || server.TransitionSid(d.Sid, remoteSid, evt, out uint channelSid) != 0) return false;
        var perms = server.Policy!.Classes[evt - 1];
        return Allows(creator.Sid, channelSid, evt, perms.PermissionBit("create"))
            && Allows(channelSid, remoteSid, evt, perms.PermissionBit("bind"));
    }

    bool Allows(uint ssid, uint tsid, int tclass, int bit) =>
        bit >= 0 && server.ComputeAv(ssid, tsid, tclass, out var av) == 0 && (av.Allowed >> bit & 1) != 0;

    /// <summary>hvm_op get/set_param: hvm:getparam or hvm:setparam from the caller to the target
    /// (flask_hvm_param).</summary>
    public int HvmParam(Domain caller, Domain target, string permission) =>
        Check(caller.Sid, TargetSid(caller, target), "hvm", permission, new AuditSubjects(caller.Id, target.Id));

    /// <summary>A foreign mapping of target's memory by caller (flask_map_gmfn_foreign): mmu:map_read,
    /// plus map_write when the page is to be written.</summary>
    public int ForeignMap(Domain caller, Domain target, bool write) =>
        Check(caller.Sid, TargetSid(caller, target), "mmu", write ? ["map_read", "map_write"] : ["map_read"],
            new AuditSubjects(caller.Id, target.Id));

    /// <summary>Sending on an interdomain channel: event:send from the domain to the channel's label.</summary>
    public int EventSend(Domain d, uint channelSid, int remoteId) =>
        Check(d.Sid, channelSid, "event", "send", new AuditSubjects(d.Id, remoteId));

    public int EventStatus(Domain d, uint channelSid) =>
        Check(d.Sid, channelSid, "event", "status", new AuditSubjects(d.Id, null));

    /// <summary>add_to_physmap: mmu:physmap from the caller to the target domain.</summary>
    public int AddToPhysmap(Domain caller, Domain target) =>
        Check(caller.Sid, TargetSid(caller, target), "mmu", "physmap", new AuditSubjects(caller.Id, target.Id));

    /// <summary>decrease_reservation / populate_physmap: mmu:adjust from the caller to the target
    /// (flask_memory_adjust_reservation).</summary>
    public int MemoryAdjust(Domain caller, Domain target) =>
        Check(caller.Sid, TargetSid(caller, target), "mmu", "adjust", new AuditSubjects(caller.Id, target.Id));

    /// <summary>current_reservation / maximum_reservation: mmu:stat (flask_memory_stat_reservation).</summary>
    public int MemoryStat(Domain caller, Domain target) =>
        Check(caller.Sid, TargetSid(caller, target), "mmu", "stat", new AuditSubjects(caller.Id, target.Id));

    /// <summary>map_grant_ref: grant:map_read, plus map_write for a writable mapping (flask_grant_mapref).</summary>
    public int GrantMap(Domain mapper, Domain granter, bool readOnly) =>
        Check(mapper.Sid, TargetSid(mapper, granter), "grant", readOnly ? ["map_read"] : ["map_read", "map_write"],
            new AuditSubjects(mapper.Id, granter.Id));

    public int GrantUnmap(Domain mapper, Domain granter) =>
        Check(mapper.Sid, TargetSid(mapper, granter), "grant", "unmap", new AuditSubjects(mapper.Id, granter.Id));

    public int GrantCopy(Domain caller, Domain other) =>
        Check(caller.Sid, TargetSid(caller, other), "grant", "copy", new AuditSubjects(caller.Id, other.Id));

    public int GrantSetup(Domain d) =>
        Check(d.Sid, d.SelfSid, "grant", "setup", new AuditSubjects(d.Id, null));

    public int GrantQuery(Domain d) =>
        Check(d.Sid, d.SelfSid, "grant", "query", new AuditSubjects(d.Id, null));

    /// <summary>flask_op commands: security:&lt;permission&gt; against the security server's own label.</summary>
    public int DomainHasSecurity(Domain d, string permission) =>
        Check(d.Sid, SecurityServer.SidSecurity, "security", permission, new AuditSubjects(d.Id, null));

    /// <summary>domctl on another domain: domain:&lt;permission&gt; from the caller to the target.</summary>
    public int DomainControl(Domain caller, Domain target, string permission) =>
        Check(caller.Sid, TargetSid(caller, target), "domain", permission, new AuditSubjects(caller.Id, target.Id));

    /// <summary>Xen's flask_domain_create: domain:create from the builder to the new domain's label.</summary>
    public int CreateDomain(Domain builder, uint sid) =>
        Check(builder.Sid, sid, "domain", "create", new AuditSubjects(builder.Id, null));

    /// <summary>sysctl operations on the hypervisor itself: xen:&lt;permission&gt; (readconsole, physinfo).</summary>
    public int DomainHasXen(Domain d, string permission) => DomainHasXen(d, [permission]);

    /// <summary>Several xen permissions in one check (readconsole with clearconsole), one audit record.</summary>
    public int DomainHasXen(Domain d, string[] permissions) =>
        Check(d.Sid, SecurityServer.SidXen, "xen", permissions, new AuditSubjects(d.Id, null));

    /// <summary>Newer operations on the hypervisor itself: xen2:&lt;permission&gt;.</summary>
    public int DomainHasXen2(Domain d, string permission) =>
        Check(d.Sid, SecurityServer.SidXen, "xen2", permission, new AuditSubjects(d.Id, null));

    /// <summary>Xen's avc_unknown_permission: an operation FLASK has no permission for is refused
    /// (-EPERM) when enforcing unless the policy says handle_unknown allow.</summary>
    public bool RefusesUnknown =>
        Active && server.Enforcing && server.Policy!.HandleUnknown != Flask.Model.HandleUnknown.Allow;

    int Check(uint ssid, uint tsid, string className, string permission, AuditSubjects subjects) =>
        Check(ssid, tsid, className, [permission], subjects);

    /// <summary>One AVC check for several permissions of a class, audited as one record.</summary>
    int Check(uint ssid, uint tsid, string className, string[] permissions, AuditSubjects subjects)
    {
        if (!Active) return 0;
        var policy = server.Policy!;
        int tclass = server.ClassValue(className);
        if (tclass == 0) return server.Enforcing ? -13 : 0;
        uint requested = 0;
        foreach (var p in permissions)
        {
            int bit = policy.Classes[tclass - 1].PermissionBit(p);
            // A permission the policy's class lacks cannot be granted.
            if (bit < 0) return server.Enforcing ? -13 : 0;
            requested |= 1u << bit;
        }
        return avc.HasPerm(ssid, tsid, tclass, requested, subjects);
    }
}
