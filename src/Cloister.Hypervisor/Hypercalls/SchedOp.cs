using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Events;
using Cloister.Hypervisor.Xsm;
using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>sched_op (29): yield 0, block 1 (unmasks upcalls, sleeps until an event), shutdown 2
/// (argument: pointer to {u32 reason}), poll 3 (struct sched_poll, <see cref="DoPoll"/>),
/// remote_shutdown 4 ({u16 domid, u32 reason @4}).</summary>
public sealed class SchedOp(DomainManager domains, EventDelivery delivery, XsmHooks xsm) : IHypercall
{
    const uint Yield = 0, Block = 1, Shutdown = 2, Poll = 3, RemoteShutdown = 4;

    /// <summary>struct sched_poll on arm32 (arm-none-eabi-gcc): the ports handle is 8 bytes.</summary>
    public static class PollLayout
    {
        public const int Ports = 0, NrPorts = 8, Timeout = 16, Size = 24;
    }

    /// <summary>struct sched_remote_shutdown (arm-none-eabi-gcc).</summary>
    public static class RemoteShutdownLayout
    {
        public const int DomainId = 0, Reason = 4, Size = 8;
    }

    /// <summary>Xen's limit on the ports one poll may name.</summary>
    public const uint MaxPolledPorts = 128;

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
            case Poll:
                return DoPoll(call);
            case RemoteShutdown:
                return DoRemoteShutdown(call);
            default:
                return -Errno.ENOSYS;
        }
    }

    /// <summary>As Xen 4.17 on ARM: more than 128 ports is -EINVAL; an upcall this vCPU would take
    /// now returns 0 at once; then port by port, in order, an unreadable one is -EFAULT, one beyond
    /// the 2-level ABI's 4096 is -EINVAL and a pending one (masked or not) returns 0 at once.
    /// Otherwise the vCPU blocks, its upcall mask untouched, until a polled port becomes pending
    /// (with several ports: any port of the domain), an upcall is raised for it, or system time
    /// reaches the timeout (absolute ns; 0: none). The hypercall returns 0 in every case: the
    /// guest looks at its ports to see why it woke.</summary>
    int DoPoll(in HypercallContext call)
    {
        Span<byte> a = stackalloc byte[PollLayout.Size];
        if (!Read(call, call.A1, a)) return -Errno.EFAULT;
        uint ports = U32(a, PollLayout.Ports);   // the handle's low word is the pointer on arm32
        uint count = U32(a, PollLayout.NrPorts);
        ulong timeout = U64(a, PollLayout.Timeout);
        if (count > MaxPolledPorts) return -Errno.EINVAL;
        var (upcallPending, upcallMasked) = delivery.UpcallState(call.Vcpu);
        if (upcallPending && !upcallMasked) return 0;
        uint port = 0;
        for (uint i = 0; i < count; i++)
        {
            if (!call.Domain.Memory.TryRead32(ports + i * 4, out port)) return -Errno.EFAULT;
            if (port >= EventChannelTable.MaxPorts) return -Errno.EINVAL;
            if (delivery.IsPending(call.Domain, (int)port)) return 0;
        }
        // As Xen, polling port 0 alone (never pending) is polling any port.
        call.Vcpu.BlockInPoll(count == 1 && port != 0 ? port : null, timeout == 0 ? null : timeout);
        return 0;
    }

    /// <summary>As Xen 4.17: the domain is looked up by its real id (DOMID_SELF is -ESRCH), then
    /// FLASK domain:shutdown from the caller to it. Xen passes any reason on (as a u8); here a
    /// reason beyond watchdog is -EINVAL, as for the domain's own shutdown, since the toolstack
    /// knows no other. The control domain (dom0 runs on the host) is not a target: -ESRCH.</summary>
    int DoRemoteShutdown(in HypercallContext call)
    {
        Span<byte> a = stackalloc byte[RemoteShutdownLayout.Size];
        if (!Read(call, call.A1, a)) return -Errno.EFAULT;
        var target = domains.Find(U16(a, RemoteShutdownLayout.DomainId));
        if (target is null) return -Errno.ESRCH;
        int rc = xsm.DomainControl(call.Domain, target, "shutdown");
        if (rc != 0) return rc;
        uint reason = U32(a, RemoteShutdownLayout.Reason);
        if (reason > (uint)ShutdownReason.Watchdog) return -Errno.EINVAL;
        domains.ShutdownDomain(target, (ShutdownReason)reason);
        return 0;
    }
}
