namespace Cloister.Hypervisor.Events;

/// <summary>
/// Offsets in shared_info and vcpu_info (xen.h, arm32 layout; REFERENCE.md). Byte 1 of
/// vcpu_info is padding on upstream ARM; Cloister uses it as the guest-writable upcall mask
/// (x86 PV's evtchn_upcall_mask), because a USR-mode ARM11 guest cannot mask its own upcall
/// with CPSR.I. See docs/abi.md.
/// </summary>
public static class SharedInfoLayout
{
    public const int Size = 1088;
    public const int VcpuInfoSize = 48;
    public const int UpcallPending = 0;
    public const int UpcallMask = 1;
    public const int PendingSelector = 8;
    public const int VcpuTimeInfo = 16;
    public const int EventPending = 48;
    public const int EventMask = 560;
    public const int WallclockVersion = 1072, WallclockSeconds = 1076, WallclockNanoseconds = 1080, WallclockSecondsHigh = 1084;
}
