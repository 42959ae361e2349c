using Cloister.Hypervisor.Console;
using Cloister.Hypervisor.Control;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Xsm;
using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// sysctl (35), Xen 4.17's (XEN_SYSCTL_INTERFACE_VERSION 0x15, xen/common/sysctl.c): r0 points to
/// struct xen_sysctl {u32 cmd, u32 interface_version, union u @8 (128 bytes)}. A wrong version is
/// -EACCES. Each command is checked as Xen 4.17's FLASK does (<see cref="SysctlPermissions"/>:
/// physinfo xen:physinfo, sched_id xen:getscheduler ...), readconsole by its own hook
/// (xen:readconsole, + clearconsole to clear), getdomaininfolist domain:getdomaininfo on each
/// domain (a denied one is skipped, audited). Commands that pass their check but are not
/// implemented are -ENOSYS.
/// </summary>
public sealed class Sysctl(DomainManager domains, XsmHooks xsm, HypervisorConsole console, HostFacts host) : IHypercall
{
    public const uint InterfaceVersion = 0x15;
    public const uint ReadConsole = 1, PhysInfo = 3, SchedId = 4, GetDomainInfoList = 6;
    /// <summary>XEN_SCHEDULER_CREDIT: Cloister's scheduler is credit-style (weights, caps, 30 ms periods).</summary>
    public const uint SchedulerCredit = 5;
    /// <summary>XEN_SYSCTL_PHYSCAP_pv and _gnttab_v1: paravirtualised guests, grant tables v1 only.</summary>
    public const uint Capabilities = 1u << 1 | 1u << 8;
    public const int Size = 136;

    /// <summary>Offsets inside struct xen_sysctl (u at 8); tests compare them with arm-none-eabi-gcc's.</summary>
    public static class Layout
    {
        public const int ReadConsoleClear = 8, ReadConsoleIncremental = 9, ReadConsoleIndex = 12, ReadConsoleBuffer = 16,
            ReadConsoleCount = 24;
        public const int PhysThreadsPerCore = 8, PhysCoresPerSocket = 12, PhysNrCpus = 16, PhysMaxCpuId = 20, PhysNrNodes = 24,
            PhysMaxNodeId = 28, PhysCpuKhz = 32, PhysCapabilities = 36, PhysTotalPages = 48, PhysFreePages = 56, PhysMaxMfn = 80;
        public const int SchedIdValue = 8;
        public const int ListFirstDomain = 8, ListMaxDomains = 12, ListBuffer = 16, ListNumDomains = 24;
    }

    public uint Number => HypercallNumbers.Sysctl;

    public int Invoke(in HypercallContext call)
    {
        var op = new byte[Size];
        if (!Read(call, call.A0, op)) return -Errno.EFAULT;
        if (U32(op, 4) != InterfaceVersion) return -Errno.EACCES;
        int rc = SysctlPermissions.Check(xsm, call.Domain, U32(op, 0), console.Warn);
        if (rc != 0) return rc;
        rc = U32(op, 0) switch
        {
            ReadConsole => ReadConsoleRing(call, op),
            PhysInfo => Physinfo(op),
            SchedId => SchedulerId(op),
            GetDomainInfoList => DomainInfoList(call, op),
            _ => -Errno.ENOSYS,
        };
        // Xen copies the whole structure back when the command succeeded.
        return rc == 0 && !Write(call, call.A0, op) ? -Errno.EFAULT : rc;
    }

    /// <summary>read_console_ring: from the oldest character (or from index when incremental and it
    /// lies in the ring) up to count bytes; index becomes the end of what was read.</summary>
    int ReadConsoleRing(in HypercallContext call, byte[] op)
    {
        bool clear = op[Layout.ReadConsoleClear] != 0;
        int rc = xsm.DomainHasXen(call.Domain, clear ? ["readconsole", "clearconsole"] : ["readconsole"]);
        if (rc != 0) return rc;
        uint oldest = console.Oldest, produced = console.Produced, from = oldest;
        uint index = U32(op, Layout.ReadConsoleIndex);
        if (op[Layout.ReadConsoleIncremental] != 0 && index - oldest <= produced - oldest && index != oldest) from = index;
        uint max = U32(op, Layout.ReadConsoleCount);
        string text = console.ReadFrom(from, (int)Math.Min(max, HypervisorConsole.RingSize));
        var bytes = new byte[text.Length];
        for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
        if (!Write(call, (uint)U64(op, Layout.ReadConsoleBuffer), bytes)) return -Errno.EFAULT;
        uint end = from + (uint)bytes.Length;
        if (clear) console.ClearTo(end);
        Put32(op, Layout.ReadConsoleCount, (uint)bytes.Length);
        Put32(op, Layout.ReadConsoleIndex, end);
        return 0;
    }

    /// <summary>What Xen on ARM reports: one thread per core, one core per socket, one node.</summary>
    int Physinfo(byte[] op)
    {
        op.AsSpan(8).Clear();
        Put32(op, Layout.PhysThreadsPerCore, 1);
        Put32(op, Layout.PhysCoresPerSocket, 1);
        Put32(op, Layout.PhysNrCpus, (uint)host.Cpus);
        Put32(op, Layout.PhysMaxCpuId, (uint)host.Cpus - 1);
        Put32(op, Layout.PhysNrNodes, 1);
        Put32(op, Layout.PhysCpuKhz, host.CpuKhz);
        Put32(op, Layout.PhysCapabilities, Capabilities);
        Put64(op, Layout.PhysTotalPages, (ulong)host.TotalFrames);
        Put64(op, Layout.PhysFreePages, (ulong)host.FreeFrames());
        Put64(op, Layout.PhysMaxMfn, host.MaxMfn);
        return 0;
    }

    int SchedulerId(byte[] op)
    {
        Put32(op, Layout.SchedIdValue, SchedulerCredit);
        return 0;
    }

    /// <summary>Domains from first_domain on, at most max_domains, each a xen_domctl_getdomaininfo.</summary>
    int DomainInfoList(in HypercallContext call, byte[] op)
    {
        uint first = U16(op, Layout.ListFirstDomain), max = U32(op, Layout.ListMaxDomains);
        uint buffer = (uint)U64(op, Layout.ListBuffer);
        uint count = 0;
        ulong now = host.NowNs();
        foreach (var d in domains.Domains.ToList())
        {
            if (d.Id < first) continue;
            if (count == max) break;
            if (xsm.DomainControl(call.Domain, d, "getdomaininfo") != 0) continue;
            var info = DomainInfo.Encode(d, domains.Scheduler.CpuTimeNs(d, now), (ulong)domains.TotPages(d));
            if (!Write(call, buffer + count * DomainInfo.Size, info)) return -Errno.EFAULT;
            count++;
        }
        Put32(op, Layout.ListNumDomains, count);
        return 0;
    }
}
