namespace Cloister.Hypervisor.Control;

/// <summary>
/// What xentop (xl top) samples through libxenstat: sysctl physinfo (xen:physinfo) and
/// getdomaininfolist (domain:getdomaininfo per domain, a denied one left out), with the system
/// time of the sample so that CPU shares can be taken over virtual time.
/// </summary>
public sealed partial class Dom0Services
{
    /// <summary>One domain in a sample: its getdomaininfo status, all its vCPUs (xentop's VCPUS is
    /// max_vcpu_id + 1), max_pages in KiB (Cloister's domains never grow: their memory) and its SID.</summary>
    public sealed record DomainStats(DomainStatus Status, int Vcpus, ulong MaxMemoryKiB, uint Ssid);

    public sealed record StatsSample(ulong NowNs, int Cpus, uint CpuKhz, int TotalFrames, int FreeFrames,
        IReadOnlyList<DomainStats> Domains);

    public int Sample(out StatsSample? sample)
    {
        sample = null;
        int rc = PhysInfo(out int cpus, out int total, out int free);
        if (rc != 0) return rc;
        ulong now = Host.NowNs();
        var list = new List<DomainStats>();
        foreach (var d in domains.Domains.ToList())
            if (xsm.DomainControl(Control, d, "getdomaininfo") == 0)
                list.Add(new DomainStats(Status(d) with { CpuTimeNs = domains.Scheduler.CpuTimeNs(d, now) }, d.Vcpus.Count, (ulong)d.MaxPages * 4, d.Sid));
        sample = new StatsSample(now, cpus, Host.CpuKhz, total, free, list);
        return 0;
    }
}
