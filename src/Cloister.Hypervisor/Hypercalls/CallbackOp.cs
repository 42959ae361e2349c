using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// callback_op (30): CALLBACKOP_register (0) with {u16 type @0, u16 flags @2, u32 pad, u64 address @8};
/// type CALLBACKTYPE_event (0) sets the event upcall entry point, CALLBACKTYPE_failsafe (1) the
/// entry for when an upcall or fault frame cannot be pushed, type 0x100 the fault handler
/// (docs/abi.md); CALLBACKOP_unregister (1) removes one.
/// </summary>
public sealed class CallbackOp : IHypercall
{
    const uint Register = 0, Unregister = 1;
    const ushort TypeEvent = 0, TypeFailsafe = 1;
    /// <summary>Cloister's own callback type: synchronous guest faults (docs/abi.md, "Faults").</summary>
    public const ushort TypeTrap = 0x100;

    public uint Number => HypercallNumbers.CallbackOp;

    public int Invoke(in HypercallContext call)
    {
        Span<byte> a = stackalloc byte[16];
        if (call.A0 is not (Register or Unregister)) return -Errno.ENOSYS;
        if (!Read(call, call.A1, a[..(call.A0 == Register ? 16 : 4)])) return -Errno.EFAULT;
        ushort type = U16(a, 0);
        if (type is not (TypeEvent or TypeFailsafe or TypeTrap)) return -Errno.EINVAL;
        ulong address = call.A0 == Unregister ? 0 : U64(a, 8);
        if (address >= call.Domain.Memory.SizeBytes) return -Errno.EINVAL;
        if (type == TypeEvent) call.Domain.EventCallback = (uint)address;
        else if (type == TypeFailsafe) call.Domain.FailsafeCallback = (uint)address;
        else call.Domain.TrapCallback = (uint)address;
        return 0;
    }
}
