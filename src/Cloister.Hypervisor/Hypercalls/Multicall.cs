using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// multicall (13): r0 = array of struct multicall_entry {xen_ulong_t op, result, args[6]} (64 bytes
/// each on ARM), r1 = count. Each entry is dispatched like a hypercall of its own (the same
/// validation and XSM checks) and its result written back; a multicall inside a multicall is
/// refused; an op number beyond 32 bits is -ENOSYS (Xen compares the whole xen_ulong_t, it
/// does not truncate it to another hypercall). The hypercall itself returns 0, or -EFAULT when
/// the array cannot be read or written.
/// </summary>
public sealed class Multicall(Func<HypercallContext, int> dispatch) : IHypercall
{
    const int EntrySize = 64;
    const uint MaxEntries = 256;

    public uint Number => HypercallNumbers.Multicall;

    public int Invoke(in HypercallContext call)
    {
        if (call.A1 > MaxEntries) return -Errno.EINVAL;
        Span<byte> entry = stackalloc byte[EntrySize];
        for (uint i = 0; i < call.A1; i++)
        {
            uint address = call.A0 + i * EntrySize;
            if (!Read(call, address, entry)) return -Errno.EFAULT;
            ulong op = U64(entry, 0);
            int result = op > uint.MaxValue ? -Errno.ENOSYS
                : op == HypercallNumbers.Multicall ? -Errno.EINVAL
                : dispatch(new HypercallContext(call.Vcpu, (uint)op, (uint)U64(entry, 16), (uint)U64(entry, 24),
                    (uint)U64(entry, 32), (uint)U64(entry, 40), (uint)U64(entry, 48)));
            BitConverter.TryWriteBytes(entry[8..], (long)result);
            if (!Write(call, address, entry)) return -Errno.EFAULT;
        }
        return 0;
    }
}
