using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Events;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>sched_op (29): yield 0, block 1 (unmasks upcalls, sleeps until an event), shutdown 2
/// (argument: pointer to {u32 reason}).</summary>
public sealed class SchedOp(DomainManager domains, EventDelivery delivery) : IHypercall
{
    const uint Yield = 0, Block = 1, Shutdown = 2;

    public uint Number => HypercallNumbers.SchedOp;

    public int Invoke(in HypercallContext call)
    {
        switch (call.A0)
        {
            case Yield:
                call.Vcpu.YieldRequested = true;
                return 0;
            case Block:
                // Blocking re-enables event delivery; an upcall already pending means no sleep.
                delivery.SetUpcallMask(call.Vcpu, false);
                if (!delivery.UpcallState(call.Vcpu).Pending) call.Vcpu.Blocked = true;
                return 0;
            case Shutdown:
                if (!call.Domain.Memory.TryRead32(call.A1, out uint reason)) return -Errno.EFAULT;
                if (reason > (uint)ShutdownReason.Watchdog) return -Errno.EINVAL;
                domains.ShutdownDomain(call.Domain, (ShutdownReason)reason);
                return 0;
            default:
                return -Errno.ENOSYS;
        }
    }
}
