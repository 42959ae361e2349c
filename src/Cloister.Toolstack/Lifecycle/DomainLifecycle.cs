using System.Globalization;
using Cloister.Hypervisor.Control;
using Cloister.Hypervisor.Domains;

namespace Cloister.Toolstack.Lifecycle;

/// <summary>
/// What xl's per-domain monitor does when a domain shuts down (tools/xl/xl_vmcontrol.c,
/// handle_domain_death): the configured action for the reason — on_poweroff, on_reboot, on_crash
/// — destroys the domain, restarts it (destroy, then build it again from the same configuration:
/// a new id, the same name), keeps it shut down (preserve), or keeps it under a new name and
/// starts a fresh one (rename-restart). Messages are xl's, to <paramref name="log"/>.
/// Restart loop guard (xend's rule, in virtual time): a domain that shuts itself down (or crashes)
/// for a restart less than <see cref="MinimumRestartInterval"/> after it was itself built by a
/// restart is destroyed instead. A shutdown dom0 asked for (xl reboot) is never refused: an idle
/// machine's virtual time stands still between a user's commands.
/// </summary>
public sealed class DomainLifecycle
{
    public static readonly TimeSpan MinimumRestartInterval = TimeSpan.FromSeconds(10);

    readonly Dom0Services dom0;
    readonly DomainRegistry registry;
    readonly Action<string> log;
    /// <summary>Domains built by a restart, and when (virtual ns).</summary>
    readonly Dictionary<int, ulong> restartedAt = [];

    public DomainLifecycle(Dom0Services dom0, DomainRegistry registry, Action<string> log)
    {
        this.dom0 = dom0;
        this.registry = registry;
        this.log = log;
        dom0.DomainShutDown += OnShutDown;
        dom0.DomainGone += id => { registry.Remove(id); restartedAt.Remove(id); };
    }

    void OnShutDown(int domid, ShutdownReason reason, bool byDom0)
    {
        uint code = (uint)reason;
        Log($"Domain {domid} has shut down, reason code {code} 0x{code:x}");
        if (reason == ShutdownReason.Suspend)
        {
            // Cloister has no resume: the domain stays shut down, as xl keeps waiting for it.
            Log("Domain has suspended.");
            return;
        }
        var spec = registry.Find(domid);
        string action = spec is null ? "destroy" : reason switch
        {
            ShutdownReason.Poweroff => spec.OnPoweroff,
            ShutdownReason.Reboot => spec.OnReboot,
            ShutdownReason.Crash => spec.OnCrash,
            _ => "destroy", // on_watchdog's default; not configurable here
        };
        Log($"Action for shutdown reason code {code} is {action}");
        if (action.StartsWith("coredump-", StringComparison.Ordinal))
        {
            // xl carries on when its core dump fails; Cloister writes none.
            Log($"core dump of domain {domid} not supported, continuing");
            action = action["coredump-".Length..];
        }
        switch (action)
        {
            case "preserve":
                Log("Done. Exiting now");
                break;
            case "restart" or "rename-restart" when spec is not null:
                Restart(domid, spec, rename: action == "rename-restart", byDom0);
                break;
            default:
                Destroy(domid);
                Log("Done. Exiting now");
                break;
        }
    }

    void Restart(int domid, DomainSpec spec, bool rename, bool byDom0)
    {
        if (!byDom0 && restartedAt.TryGetValue(domid, out ulong at) && dom0.Now() - at < (ulong)MinimumRestartInterval.Ticks * 100)
        {
            Log($"Domain {domid} is restarting too fast (under {MinimumRestartInterval.TotalSeconds} s of virtual time since its restart): not restarting it");
            Destroy(domid);
            Log("Done. Exiting now");
            return;
        }
        if (rename)
        {
            // libxl_domain_preserve: the old domain stays, shut down, under NAME-YYYYMMDDTHHMMZ (UTC).
            string suffix = DateTime.UtcNow.ToString("-yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
            Log($"Preserving domain {domid} {spec.Name} with suffix{suffix}");
            dom0.RenameDomain(domid, spec.Name + suffix);
            registry.Remove(domid);
        }
        else
        {
            Log($"Domain {domid} needs to be cleaned up: destroying the domain");
            dom0.ReapDomain(domid, restarting: true);
        }
        Log("Done. Rebooting now");
        int rc = dom0.CreateDomain(spec.ToDomainConfig(), out int newId, out string error);
        if (rc != 0)
        {
            Log($"libxl: error: domain '{spec.Name}' could not be built again: {(error.Length > 0 ? error : $"errno {-rc}")}");
            dom0.RestartFailed();
            return;
        }
        registry.Add(newId, spec);
        restartedAt[newId] = dom0.Now();
    }

    void Destroy(int domid)
    {
        Log($"Domain {domid} needs to be cleaned up: destroying the domain");
        dom0.ReapDomain(domid, restarting: false);
    }

    void Log(string line) => log(line);
}
