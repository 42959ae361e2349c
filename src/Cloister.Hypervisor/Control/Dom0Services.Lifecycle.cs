using Cloister.Hypervisor.Boot;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Hypercalls;

namespace Cloister.Hypervisor.Control;

/// <summary>
/// The calls behind a domain's life as libxl drives it: VIRQ_DOM_EXC (a domain shut down), the
/// domain builder at run time (domctl createdomain, checked as Xen's flask_domain_create:
/// domain:create from dom0 to the new domain's label), and the remote shutdown with a reason.
/// </summary>
public sealed partial class Dom0Services
{
    /// <summary>The hypervisor's virtual time in nanoseconds (what dom0 reads from its clock).</summary>
    public Func<ulong> Now { get; init; } = () => 0;

    Action<int, ShutdownReason, bool>? shutDown;
    /// <summary>True while dom0 itself shuts a domain down (xl shutdown, xl reboot).</summary>
    bool remoteShutdown;
    /// <summary>Non-zero while the toolstack acts on a shutdown: the CPUs are rescheduled once it is
    /// done (by the trap or the request that shut the domain down), not between a destroy and the
    /// rebuild, when no domain may be left and the machine would halt.</summary>
    int acting;

    void PreemptUnlessActing()
    {
        if (acting == 0) Preempt();
    }

    /// <summary>VIRQ_DOM_EXC: a domain shut down (its id, the reason, and whether dom0 asked for it
    /// rather than the domain itself). While someone listens, the domain stays shut down until dom0
    /// destroys it; with no listener the hypervisor destroys it at once.</summary>
    public event Action<int, ShutdownReason, bool>? DomainShutDown
    {
        add
        {
            shutDown += value;
            domains.ShutDownHandler = d =>
            {
                acting++;
                try { shutDown?.Invoke(d.Id, d.Shutdown ?? ShutdownReason.Crash, remoteShutdown); }
                finally { acting--; }
            };
        }
        remove
        {
            shutDown -= value;
            if (shutDown is null) domains.ShutDownHandler = null;
        }
    }

    /// <summary>A domain dom0 built at run time (its id): xenstored and the console backend connect to it.</summary>
    public event Action<int>? DomainBuilt;

    /// <summary>sched_op remote_shutdown with reason reboot (xl reboot), checked as domain:shutdown.</summary>
    public int RebootDomain(int domid) => RemoteShutdown(domid, ShutdownReason.Reboot);

    /// <summary>sched_op remote_shutdown: checked as domain:shutdown; the toolstack hears that dom0 asked.</summary>
    int RemoteShutdown(int domid, ShutdownReason reason) =>
        ControlDomain(domid, "shutdown", d =>
        {
            remoteShutdown = true;
            try { domains.ShutdownDomain(d, reason); }
            finally { remoteShutdown = false; }
        });

    /// <summary>Frees a domain that has shut down, for its on_* action (destroy, or restart with
    /// <paramref name="restarting"/>: then it does not count as finished for the run's exit status).
    /// Unlike `xl destroy` this needs no domain:destroy: the domain ended itself, and the policy's
    /// say is over what dom0 may start again (domain:create). -EINVAL for a domain still running.</summary>
    public int ReapDomain(int domid, bool restarting)
    {
        if (domains.Find(domid) is not { } d) return -Errno.ESRCH;
        if (d.State != DomainState.Shutdown) return -Errno.EINVAL;
        domains.DestroyDomain(d, Control, restarting);
        PreemptUnlessActing();
        return 0;
    }

    /// <summary>A domain the toolstack destroyed to restart could not be built again: the run ends
    /// "not all powered off".</summary>
    public void RestartFailed() => domains.Finished.Add(ShutdownReason.Crash);

    /// <summary>libxl_domain_rename (rename-restart keeps the old domain under a new name). Names
    /// live in the hypervisor here; xenstore's name node keeps the old one.</summary>
    public int RenameDomain(int domid, string name)
    {
        if (domains.Find(domid) is not { } d) return -Errno.ESRCH;
        d.Name = name;
        return 0;
    }

    /// <summary>
    /// Builds a domain as dom0 at run time: the label must be valid in the policy (-EINVAL), dom0
    /// must have domain:create on it (-EACCES, audited), the memory must be free (-ENOMEM); then
    /// the domain gets its console and xenstore rings and starts. <paramref name="error"/> says why
    /// a build failed.
    /// </summary>
    public int CreateDomain(DomainConfig config, out int domid, out string error) => CreateDomain(config, false, out domid, out error);

    /// <summary>As <see cref="CreateDomain(DomainConfig, out int, out string)"/>; with
    /// <paramref name="paused"/> the domain is left paused (xl create -p, or -c until the console is attached).</summary>
    public int CreateDomain(DomainConfig config, bool paused, out int domid, out string error)
    {
        domid = 0;
        error = "";
        if (!xsm.LabelDomain(config.Label, out uint sid, out uint selfSid, out string labelError))
        {
            error = $"seclabel '{config.Label}' is not valid in the policy: {labelError}";
            return -Errno.EINVAL;
        }
        int rc = xsm.CreateDomain(Control, sid);
        if (rc != 0) return rc;
        Domain d;
        try
        {
            d = domains.Create(config);
        }
        catch (BootException e)
        {
            error = e.Message;
            return e.Message.StartsWith("out of memory", StringComparison.Ordinal) ? -Errno.ENOMEM : -Errno.EINVAL;
        }
        d.Sid = sid;
        d.SelfSid = selfSid;
        if (paused) d.State = DomainState.Paused;
        StoreConsoleBuilder.Build(d, Control, xsm);
        domid = d.Id;
        DomainBuilt?.Invoke(d.Id);
        PreemptUnlessActing();
        return 0;
    }
}
