namespace Cloister.Hypervisor.Control;

/// <summary>What `xl console` needs besides the console ring: the domains' console_io output.</summary>
public sealed partial class Dom0Services
{
    /// <summary>Hands each domain's console_io output (its id, the bytes) to <paramref name="sink"/>
    /// from now on. It is part of the hypervisor console, so dom0 needs xen:readconsole, as for
    /// xl dmesg; 0 or the denial.</summary>
    public int WatchConsoleIo(Action<int, byte[]> sink)
    {
        int rc = xsm.DomainHasXen(Control, "readconsole");
        if (rc == 0) console.GuestWrote += sink;
        return rc;
    }

    /// <summary>dom0 sent events from the host, outside any guest's trap (typed console input): the
    /// CPUs look at the run queue again, as a vCPU the event woke may be the only one to run.</summary>
    public void SentFromHost() => Preempt();
}
