using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Xsm;
using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// domctl (36): r0 points to struct xen_domctl {u32 cmd, u32 interface_version, u16 domain, ...}.
/// The control operations a toolstack uses on another domain: destroy 2, pause 3, unpause 4,
/// each checked as domain:destroy/pause/unpause from the caller to the target. A wrong
/// interface version is -EACCES, as in Xen.
/// </summary>
public sealed class DomctlOp(DomainManager domains, XsmHooks xsm) : IHypercall
{
    public const uint InterfaceVersion = 0x15;
    const uint DestroyDomain = 2, PauseDomain = 3, UnpauseDomain = 4;

    public uint Number => HypercallNumbers.Domctl;

    public int Invoke(in HypercallContext call)
    {
        Span<byte> op = stackalloc byte[16];
        if (!Read(call, call.A0, op)) return -Errno.EFAULT;
        if (U32(op, 4) != InterfaceVersion) return -Errno.EACCES;
        uint cmd = U32(op, 0);
        string? permission = cmd switch
        {
            DestroyDomain => "destroy", PauseDomain => "pause", UnpauseDomain => "unpause", _ => null,
        };
        if (permission is null) return -Errno.ENOSYS;
        ushort domid = U16(op, 8);
        var target = domid == DomidSelf ? call.Domain : domains.Find(domid);
        if (target is null) return -Errno.ESRCH;
        int rc = xsm.DomainControl(call.Domain, target, permission);
        if (rc != 0) return rc;
        if (target == call.Domain) return -Errno.EINVAL; // a domain cannot pause or destroy itself this way
        switch (cmd)
        {
            case PauseDomain: target.State = DomainState.Paused; break;
            case UnpauseDomain: if (target.State == DomainState.Paused) target.State = DomainState.Running; break;
            case DestroyDomain: domains.DestroyDomain(target, call.Domain); break;
        }
        return 0;
    }
}
