using Cloister.Arm;
using Cloister.Hypervisor.Drivers;

namespace Cloister.Hypervisor.Domains;

/// <summary>
/// One physical CPU as the hypervisor keeps it: which vCPU it runs (none = idle), whether its
/// TLB must be flushed before it runs a guest again, whether a kick (SGI) is on its way, and,
/// on secondary CPUs, the private timer that ends its slices (CPU 0 uses the board timer).
/// </summary>
public sealed class PhysicalCpu(int index, ArmCpu cpu, MpTimerDriver? sliceTimer)
{
    public int Index { get; } = index;
    public ArmCpu Cpu { get; } = cpu;
    public MpTimerDriver? SliceTimer { get; } = sliceTimer;
    public Vcpu? Current { get; set; }
    public bool TlbFlushNeeded { get; set; }
    public bool KickPending { get; set; }
    /// <summary>How many times this CPU has entered a guest (reported at halt).</summary>
    public long GuestEntries { get; set; }

    public override string ToString() => $"CPU{Index}";
}
