using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Hypercalls;

namespace Cloister.Hypervisor.Control;

/// <summary>
/// The toolstack's own calls (what `xl` asks through libxl), each checked as the hypercall Xen
/// would receive from dom0: sysctl getdomaininfolist (domain:getdomaininfo per domain),
/// flask_op sid_to_context (security:check_context), domctl pause/unpause/destroydomain,
/// sched_op remote_shutdown (domain:shutdown), flask_op get/setenforce, sysctl readconsole and
/// physinfo (xen:readconsole, xen:physinfo). They run on the machine's thread between run
/// slices; a call that stops a domain takes the CPU back from it at once.
/// </summary>
public sealed partial class Dom0Services
{
    /// <summary>Host facts for xl info (set by the hypervisor when it hands the services over).</summary>
    public HostFacts Host { get; init; } = new(1, 0, () => 0, 0);
    internal Action Preempt { get; init; } = () => { };

    /// <summary>sysctl getdomaininfolist: the guest domains dom0 may see. A domain the policy hides
    /// from dom0 is left out (with its audited denial), as Xen's sysctl skips it.</summary>
    public IReadOnlyList<DomainStatus> ListDomains()
    {
        var result = new List<DomainStatus>();
        foreach (var d in domains.Domains.ToList())
            if (xsm.DomainControl(Control, d, "getdomaininfo") == 0) result.Add(Status(d));
        return result;
    }

    DomainStatus Status(Domain d)
    {
        var online = d.Vcpus.Where(v => v.Online).ToList();
        bool onCpu = online.Any(v => v.RunningOn >= 0);
        // Xen's getdomaininfo: blocked when every online vCPU is, running when one is on a CPU now.
        bool blocked = online.All(v => v.Blocked);
        string? label = xsm.DomainHasSecurity(Control, "check_context") == 0 ? d.Label : null;
        return new DomainStatus(d.Id, d.Name, (ulong)d.Memory.PseudoToMachine.Length * 4, online.Count,
            onCpu && !blocked, blocked, d.State == DomainState.Paused,
            d.State == DomainState.Shutdown, (uint)(d.Shutdown ?? ShutdownReason.Poweroff), false, d.CpuTimeNs, label);
    }

    /// <summary>The id of the domain called <paramref name="name"/> among those dom0 may see.</summary>
    public int? FindByName(string name) => ListDomains().FirstOrDefault(s => s.Name == name)?.Id;

    /// <summary>domctl pausedomain.</summary>
    public int PauseDomain(int domid) => ControlDomain(domid, "pause", d => { if (d.State == DomainState.Running) d.State = DomainState.Paused; });

    /// <summary>domctl unpausedomain.</summary>
    public int UnpauseDomain(int domid) =>
        ControlDomain(domid, "unpause", d => { if (d.State == DomainState.Paused) d.State = DomainState.Running; });

    /// <summary>domctl destroydomain.</summary>
    public int DestroyDomain(int domid) => ControlDomain(domid, "destroy", d => domains.DestroyDomain(d, Control));

    /// <summary>sched_op remote_shutdown with reason poweroff: what libxl does for a guest without
    /// PV control (Cloister's guests do not watch control/shutdown).</summary>
    public int ShutdownDomain(int domid) => RemoteShutdown(domid, ShutdownReason.Poweroff);

    int ControlDomain(int domid, string permission, Action<Domain> act)
    {
        if (domid == 0) return -Errno.EINVAL; // dom0 cannot act on itself this way
        if (domains.Find(domid) is not { } d) return -Errno.ESRCH;
        int rc = xsm.DomainControl(Control, d, permission);
        if (rc != 0) return rc;
        act(d);
        Preempt();
        return 0;
    }

    /// <summary>flask_op getenforce: 1 enforcing, 0 permissive, -ENOSYS with FLASK disabled.</summary>
    public int GetEnforce() => xsm.Mode == Xsm.FlaskMode.Disabled ? -Errno.ENOSYS : xsm.Server.Enforcing ? 1 : 0;

    /// <summary>flask_op setenforce, checked as security:setenforce.</summary>
    public int SetEnforce(bool enforcing)
    {
        if (xsm.Mode == Xsm.FlaskMode.Disabled) return -Errno.ENOSYS;
        int rc = xsm.DomainHasSecurity(Control, "setenforce");
        if (rc != 0) return rc;
        xsm.Server.SetEnforcing(enforcing);
        return 0;
    }

    /// <summary>sysctl readconsole: the hypervisor console ring so far.</summary>
    public int ReadConsole(out string text)
    {
        text = "";
        int rc = xsm.DomainHasXen(Control, "readconsole");
        if (rc == 0) text = console.Recent();
        return rc;
    }

    /// <summary>sysctl physinfo: CPUs, total and free RAM frames.</summary>
    public int PhysInfo(out int cpus, out int totalFrames, out int freeFrames)
    {
        cpus = totalFrames = freeFrames = 0;
        int rc = xsm.DomainHasXen(Control, "physinfo");
        if (rc != 0) return rc;
        (cpus, totalFrames, freeFrames) = (Host.Cpus, Host.TotalFrames, Host.FreeFrames());
        return 0;
    }
}
