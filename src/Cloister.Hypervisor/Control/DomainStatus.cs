namespace Cloister.Hypervisor.Control;

/// <summary>One domain as sysctl getdomaininfolist reports it to dom0 (xl list's columns): the
/// flags are Xen's XEN_DOMINF_* ones; Label is null when dom0 may not translate the SID.</summary>
public sealed record DomainStatus(int Id, string Name, ulong MemoryKiB, int OnlineVcpus, bool Running, bool Blocked,
    bool Paused, bool Shutdown, uint ShutdownReason, bool Dying, ulong CpuTimeNs, string? Label);
