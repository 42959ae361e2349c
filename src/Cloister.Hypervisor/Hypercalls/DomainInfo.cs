using Cloister.Hypervisor.Domains;
using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// struct xen_domctl_getdomaininfo of Xen 4.17 (domctl.h, arm32: 120 bytes), filled as Xen's
/// getdomaininfo() does: blocked only when every online vCPU is, running when one is on a CPU,
/// the shutdown code in bits 16-23, ssidref the domain's SID (flask_security_domaininfo);
/// max_pages is its memory (domains do not grow).
/// </summary>
public static class DomainInfo
{
    public const uint Size = 120;
    public const int Domain = 0, Flags = 4, TotPages = 8, MaxPages = 16, SharedInfoFrame = 48, CpuTime = 56,
        NrOnlineVcpus = 64, MaxVcpuId = 68, SsidRef = 72, Handle = 76, CpuPool = 92, GpaddrBits = 96, ArchConfig = 104;
    public const uint Dying = 1, Shutdown = 1 << 2, Paused = 1 << 3, Blocked = 1 << 4, Running = 1 << 5;
    const int ShutdownShift = 16;

    public static byte[] Encode(Domain d, ulong cpuTimeNs, ulong totPages)
    {
        var info = new byte[Size];
        var online = d.Vcpus.Where(v => v.Online).ToList();
        uint flags = online.Count == 0 ? 0
            : (online.All(v => v.Blocked) ? Blocked : 0) | (online.Any(v => v.RunningOn >= 0) ? Running : 0);
        if (d.State == DomainState.Shutdown) flags |= Shutdown | (uint)(d.Shutdown ?? ShutdownReason.Poweroff) << ShutdownShift;
        if (d.State == DomainState.Paused) flags |= Paused;
        Put16(info, Domain, (ushort)d.Id);
        Put32(info, Flags, flags);
        Put64(info, TotPages, totPages);
        Put64(info, MaxPages, d.MaxPages);
        // The guest frame where the domain mapped shared_info (none yet: INVALID_GFN). Xen on ARM
        // reports the machine frame; Cloister keeps machine addresses to itself.
        int gfn = Array.IndexOf(d.Memory.PseudoToMachine, d.SharedInfoFrame);
        Put64(info, SharedInfoFrame, gfn < 0 ? ulong.MaxValue : (ulong)gfn);
        Put64(info, CpuTime, cpuTimeNs);
        Put32(info, NrOnlineVcpus, (uint)online.Count);
        Put32(info, MaxVcpuId, d.Vcpus.Count == 0 ? uint.MaxValue : (uint)d.Vcpus.Count - 1);
        Put32(info, SsidRef, d.Sid);
        info[GpaddrBits] = 32; // pseudo-physical addresses are 32-bit
        return info;
    }
}
