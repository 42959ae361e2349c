using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Events;
using Cloister.Hypervisor.Xsm;
using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>sched_op (29): yield 0, block 1 (unmasks upcalls, sleeps until an event), shutdown 2
/// (argument: pointer to {u32 reason}), remote_shutdown 4 ({u16 domid, u32 reason @4}).</summary>
public sealed class SchedOp(DomainManager domains, EventDelivery delivery, XsmHooks xsm) : IHypercall
{
    const uint Yield = 0, Block = 1, Shutdown = 2, RemoteShutdown = 4;

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
            case RemoteShutdown:
                return DoRemoteShutdown(call);
            default:
                return -Errno.ENOSYS;
        }
    }

    /// <summary>As Xen 4.17: the domain is looked up by its real id (DOMID_SELF is -ESRCH), then
    /// FLASK domain:shutdown from the caller to it. Xen passes any reason on (as a u8); here a
    /// reason beyond watchdog is -EINVAL, as for the domain's own shutdown, since the toolstack
    /// knows no other. The control domain (dom0 runs on the host) is not a target: -ESRCH.</summary>
    int DoRemoteShutdown(in HypercallContext call)
    {
        Span<byte> a = stackalloc byte[8];
        if (!Read(call, call.A1, a)) return -Errno.EFAULT;
        var target = domains.Find(U16(a, 0));
        if (target is null) return -Errno.ESRCH;
        int rc = xsm.DomainControl(call.Domain, target, "shutdown");
        if (rc != 0) return rc;
        uint reason = U32(a, 4);
        if (reason > (uint)ShutdownReason.Watchdog) return -Errno.EINVAL;
        domains.ShutdownDomain(target, (ShutdownReason)reason);
        return 0;
    }
}
