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
    readonly SecurityServer server = new();
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

    /// <summary>The SID for a domain's configured label; false when the policy does not accept it.</summary>
    public bool LabelDomain(string label, out uint sid, out string error)
    {
        sid = SecurityServer.SidDomU;
        error = "";
        if (!Active) return true;
        return server.ContextToSid(label, out sid, out error) == 0;
    }

    /// <summary>console_io: xen:writeconsole / xen:readconsole against the hypervisor's label.</summary>
    public int ConsoleIo(Domain d, bool write) =>
        DomainHasXen(d, write ? "writeconsole" : "readconsole");

    int DomainHasXen(Domain d, string permission) =>
        Check(d.Sid, SecurityServer.SidXen, "xen", permission, new AuditSubjects(d.Id, null));

    int Check(uint ssid, uint tsid, string className, string permission, AuditSubjects subjects)
    {
        if (!Active) return 0;
        var policy = server.Policy!;
        int tclass = server.ClassValue(className);
        int bit = tclass == 0 ? -1 : policy.Classes[tclass - 1].PermissionBit(permission);
        // A class or permission the policy does not define is decided by its handle-unknown rule.
        uint requested = bit < 0 ? 0 : 1u << bit;
        if (tclass == 0 || bit < 0) return server.Enforcing ? -13 : 0;
        return avc.HasPerm(ssid, tsid, tclass, requested, subjects);
    }
}
