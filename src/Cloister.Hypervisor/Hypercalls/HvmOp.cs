using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Xsm;
using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// hvm_op (34): HVMOP_get_param (1) with r1 = struct xen_hvm_param {u16 domid @0, u32 index @4,
/// u64 value @8} (hvm_op.h). The checks come in Xen's order (xen/arch/arm/hvm.c): the argument
/// (-EFAULT), the domain (-ESRCH), FLASK hvm:getparam (-EACCES), the parameter (-EINVAL).
/// </summary>
public sealed class HvmOp(DomainManager domains, XsmHooks xsm) : IHypercall
{
    const uint GetParam = 1;
    const int ParamSize = 16;

    public uint Number => HypercallNumbers.HvmOp;

    public int Invoke(in HypercallContext call)
    {
        if (call.A0 != GetParam) return -Errno.ENOSYS;
        Span<byte> a = stackalloc byte[ParamSize];
        if (!Read(call, call.A1, a)) return -Errno.EFAULT;
        ushort domid = U16(a, 0);
        var target = domid == DomidSelf || domid == call.Domain.Id ? call.Domain : domains.Find(domid);
        if (target is null) return -Errno.ESRCH;
        int rc = xsm.HvmParam(call.Domain, target, "getparam");
        if (rc != 0) return rc;
        if (!Readable(U32(a, 4))) return -Errno.EINVAL;
        ulong value = target.HvmParams.GetValueOrDefault(U32(a, 4));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(a[8..], value);
        return Write(call, call.A1, a) ? 0 : -Errno.EFAULT;
    }

    /// <summary>The parameters Xen's hvm_allow_get_param lets a guest and the toolstack read on ARM.</summary>
    static bool Readable(uint index) => index is StoreConsoleBuilder.ParamCallbackIrq or StoreConsoleBuilder.ParamStorePfn
        or StoreConsoleBuilder.ParamStoreEvtchn or StoreConsoleBuilder.ParamConsolePfn or StoreConsoleBuilder.ParamConsoleEvtchn;
}
