using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Events;
using Cloister.Hypervisor.Xsm;
using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// event_channel_op (32): r0 = command, r1 = pointer to its argument structure (event_channel.h,
/// layouts in REFERENCE.md). Interdomain channels are labelled and checked by the XSM hooks.
/// </summary>
public sealed class EventChannelOp(DomainManager domains, EventDelivery delivery, XsmHooks xsm) : IHypercall
{
    const uint BindInterdomain = 0, BindVirq = 1, Close = 3, Send = 4, Status = 5, AllocUnbound = 6,
        BindIpi = 7, BindVcpu = 8, Unmask = 9;
    const uint NumVirqs = 24;

    public uint Number => HypercallNumbers.EventChannelOp;

    public int Invoke(in HypercallContext call) => call.A0 switch
    {
        AllocUnbound => DoAllocUnbound(call),
        BindInterdomain => DoBindInterdomain(call),
        BindVirq => DoBindVirq(call),
        BindIpi => DoBindIpi(call),
        Send => WithPort(call, DoSend),
        Close => WithPort(call, DoClose),
        Unmask => WithPort(call, DoUnmask),
        Status => DoStatus(call),
        BindVcpu => DoBindVcpu(call),
        _ => -Errno.ENOSYS,
    };

    Domain? Resolve(in HypercallContext call, ushort domid) =>
        domid == DomidSelf || domid == call.Domain.Id ? call.Domain : domains.Find(domid);

    int DoAllocUnbound(in HypercallContext call)
    {
        Span<byte> a = stackalloc byte[8];
        if (!Read(call, call.A1, a)) return -Errno.EFAULT;
        ushort dom = U16(a, 0), remoteDom = U16(a, 2);
        if (dom != DomidSelf && dom != call.Domain.Id) return -Errno.EPERM;
        var remote = Resolve(call, remoteDom);
        if (remote is null) return -Errno.EPERM;
        var chn = call.Domain.Events.Allocate();
        if (chn is null) return -Errno.ENOSPC;
        int rc = xsm.EventUnbound(call.Domain, remote, out uint sid);
        if (rc != 0) return rc;
        chn.State = ChannelState.Unbound;
        chn.RemoteDomain = remote.Id;
        chn.Sid = sid;
        Put32(a, 4, (uint)chn.Port);
        if (!Write(call, call.A1, a)) { chn.Reset(); return -Errno.EFAULT; }
        return 0;
    }

    int DoBindInterdomain(in HypercallContext call)
    {
        Span<byte> a = stackalloc byte[12];
        if (!Read(call, call.A1, a)) return -Errno.EFAULT;
        var remote = Resolve(call, U16(a, 0));
        if (remote is null) return -Errno.ESRCH;
        int rc = Bind(call.Domain, remote, U32(a, 4), out var chn);
        if (rc != 0) return rc;
        Put32(a, 8, (uint)chn!.Port);
        if (!Write(call, call.A1, a)) return -Errno.EFAULT;
        // Xen raises the new local port so that an event sent before the bind is not lost.
        delivery.Raise(call.Domain, chn);
        return 0;
    }

    /// <summary>Binds a new port of <paramref name="d"/> to <paramref name="remote"/>'s unbound port
    /// that waits for d (the guest hypercall and dom0's services both come here).</summary>
    public int Bind(Domain d, Domain remote, uint remotePort, out EventChannel? chn)
    {
        chn = null;
        var remoteChn = remote.Events.Get(remotePort);
        if (remoteChn is null || remoteChn.State != ChannelState.Unbound || remoteChn.RemoteDomain != d.Id)
            return -Errno.EINVAL;
        chn = d.Events.Allocate();
        if (chn is null) return -Errno.ENOSPC;
        int rc = xsm.EventInterdomain(d, remote, remoteChn.Sid, out uint sid);
        if (rc != 0) { chn = null; return rc; }
        chn.State = ChannelState.Interdomain;
        chn.RemoteDomain = remote.Id;
        chn.RemotePort = remoteChn.Port;
        chn.Sid = sid;
        remoteChn.State = ChannelState.Interdomain;
        remoteChn.RemotePort = chn.Port;
        return 0;
    }

    /// <summary>Raised when a guest sends on a channel whose other end is the control domain's:
    /// (the control domain's port). dom0's services run on the host, so they hear it here
    /// instead of through a shared_info page.</summary>
    public event Action<EventChannel>? ControlSignalled;

    /// <summary>Sends from <paramref name="d"/>'s interdomain port <paramref name="chn"/>, checked by FLASK.</summary>
    public int SendInterdomain(Domain d, EventChannel chn)
    {
        int rc = xsm.EventSend(d, chn.Sid, chn.RemoteDomain);
        if (rc != 0) return rc;
        var remote = domains.FindPeer(chn.RemoteDomain);
        var remoteChn = remote?.Events.Get((uint)chn.RemotePort);
        if (remote is null || remoteChn is null) return 0;
        if (remote == domains.Control) ControlSignalled?.Invoke(remoteChn);
        else delivery.Raise(remote, remoteChn);
        return 0;
    }

    int DoBindVirq(in HypercallContext call)
    {
        Span<byte> a = stackalloc byte[12];
        if (!Read(call, call.A1, a)) return -Errno.EFAULT;
        uint virq = U32(a, 0), vcpu = U32(a, 4);
        if (virq >= NumVirqs) return -Errno.EINVAL;
        if (vcpu >= call.Domain.Vcpus.Count) return -Errno.ENOENT;
        if (call.Domain.Events.Open.Any(c => c.State == ChannelState.Virq && c.Virq == virq)) return -Errno.EEXIST;
        var chn = call.Domain.Events.Allocate();
        if (chn is null) return -Errno.ENOSPC;
        chn.State = ChannelState.Virq;
        chn.Virq = virq;
        chn.NotifyVcpu = (int)vcpu;
        Put32(a, 8, (uint)chn.Port);
        return Write(call, call.A1, a) ? 0 : -Errno.EFAULT;
    }

    int DoBindIpi(in HypercallContext call)
    {
        Span<byte> a = stackalloc byte[8];
        if (!Read(call, call.A1, a)) return -Errno.EFAULT;
        uint vcpu = U32(a, 0);
        if (vcpu >= call.Domain.Vcpus.Count) return -Errno.ENOENT;
        var chn = call.Domain.Events.Allocate();
        if (chn is null) return -Errno.ENOSPC;
        chn.State = ChannelState.Ipi;
        chn.NotifyVcpu = (int)vcpu;
        Put32(a, 4, (uint)chn.Port);
        return Write(call, call.A1, a) ? 0 : -Errno.EFAULT;
    }

    /// <summary>EVTCHNOP_bind_vcpu {port, vcpu}: changes which vCPU a channel notifies. As Xen's
    /// evtchn_bind_vcpu the vCPU is checked first; only global VIRQs, unbound and interdomain
    /// channels may move (IPIs and per-vCPU VIRQs are tied to their vCPU).</summary>
    static int DoBindVcpu(in HypercallContext call)
    {
        Span<byte> a = stackalloc byte[8];
        if (!Read(call, call.A1, a)) return -Errno.EFAULT;
        uint port = U32(a, 0), vcpu = U32(a, 4);
        if (vcpu >= call.Domain.Vcpus.Count) return -Errno.ENOENT;
        var chn = call.Domain.Events.Get(port);
        bool movable = chn?.State switch
        {
            ChannelState.Virq => VirqScope.IsGlobal(chn.Virq),
            ChannelState.Unbound or ChannelState.Interdomain => true,
            _ => false,
        };
        if (!movable) return -Errno.EINVAL;
        chn!.NotifyVcpu = (int)vcpu;
        return 0;
    }

    delegate int PortOperation(in HypercallContext call, EventChannel chn);

    static int WithPort(in HypercallContext call, PortOperation op)
    {
        if (!call.Domain.Memory.TryRead32(call.A1, out uint port)) return -Errno.EFAULT;
        var chn = call.Domain.Events.Get(port);
        return chn is null ? -Errno.EINVAL : op(call, chn);
    }

    int DoSend(in HypercallContext call, EventChannel chn)
    {
        switch (chn.State)
        {
            case ChannelState.Interdomain:
                return SendInterdomain(call.Domain, chn);
            case ChannelState.Ipi:
                delivery.Raise(call.Domain, chn);
                return 0;
            case ChannelState.Unbound:
                return 0; // nobody to notify yet: dropped, as Xen does
            default:
                return -Errno.EINVAL;
        }
    }

    int DoClose(in HypercallContext call, EventChannel chn)
    {
        CloseChannel(call.Domain, chn);
        return 0;
    }

    /// <summary>Closes a port; an interdomain peer goes back to unbound, waiting for this domain.</summary>
    public void CloseChannel(Domain d, EventChannel chn)
    {
        if (chn.State == ChannelState.Interdomain && domains.FindPeer(chn.RemoteDomain) is { } remote
            && remote.Events.Get((uint)chn.RemotePort) is { State: ChannelState.Interdomain } peer)
        {
            peer.State = ChannelState.Unbound;
            peer.RemoteDomain = d.Id;
            peer.RemotePort = 0;
        }
        chn.Reset();
    }

    int DoUnmask(in HypercallContext call, EventChannel chn)
    {
        delivery.Unmask(call.Domain, chn);
        return 0;
    }

    int DoStatus(in HypercallContext call)
    {
        Span<byte> a = stackalloc byte[24];
        if (!Read(call, call.A1, a)) return -Errno.EFAULT;
        ushort dom = U16(a, 0);
        if (dom != DomidSelf && dom != call.Domain.Id) return -Errno.EPERM;
        uint port = U32(a, 4);
        if (port == 0 || port >= EventChannelTable.MaxPorts) return -Errno.EINVAL;
        var chn = call.Domain.Events.Get(port);
        a[8..].Clear();
        if (chn is not null)
        {
            int rc = xsm.EventStatus(call.Domain, chn.Sid);
            if (rc != 0) return rc;
            Put32(a, 8, (uint)chn.State);
            Put32(a, 12, (uint)chn.NotifyVcpu);
            switch (chn.State)
            {
                case ChannelState.Unbound: Put16(a, 16, (ushort)chn.RemoteDomain); break;
                case ChannelState.Interdomain: Put16(a, 16, (ushort)chn.RemoteDomain); Put32(a, 20, (uint)chn.RemotePort); break;
                case ChannelState.Virq: Put32(a, 16, chn.Virq); break;
            }
        }
        return Write(call, call.A1, a) ? 0 : -Errno.EFAULT;
    }
}
