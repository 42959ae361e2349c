using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// callback_op (30): CALLBACKOP_register (0) with {u16 type @0, u16 flags @2, u32 pad, u64 address @8};
/// type CALLBACKTYPE_event (0) sets the event upcall entry point (docs/abi.md); address 0 removes it.
/// </summary>
public sealed class CallbackOp : IHypercall
{
    const uint Register = 0, Unregister = 1;
    const ushort TypeEvent = 0;

    public uint Number => HypercallNumbers.CallbackOp;

    public int Invoke(in HypercallContext call)
    {
        Span<byte> a = stackalloc byte[16];
        if (call.A0 is not (Register or Unregister)) return -Errno.ENOSYS;
        if (!Read(call, call.A1, a[..(call.A0 == Register ? 16 : 4)])) return -Errno.EFAULT;
        if (U16(a, 0) != TypeEvent) return -Errno.EINVAL;
        if (call.A0 == Unregister) { call.Domain.EventCallback = 0; return 0; }
        ulong address = U64(a, 8);
        if (address >= call.Domain.Memory.SizeBytes) return -Errno.EINVAL;
        call.Domain.EventCallback = (uint)address;
        return 0;
    }
}
