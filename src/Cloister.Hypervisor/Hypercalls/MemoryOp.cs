using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Grants;
using Cloister.Hypervisor.Xsm;
using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// memory_op (12). The command's low 6 bits are the operation (the rest: where a reservation
/// command resumes). XENMEM_add_to_physmap (7) maps the domain's shared_info page (space 0) or a
/// grant-table frame (space 1, idx = frame number) at a guest frame
/// of its choosing (struct xen_add_to_physmap: domid u16 @0, size u16 @2, space u32 @4,
/// idx u64 @8, gpfn u64 @16). The guest frame that was there goes back to the allocator —
/// unless another domain maps it through a grant (-EBUSY): freed, it would be scrubbed under
/// the mapper and handed to the next owner while still reachable. decrease_reservation (1),
/// current_reservation (3), maximum_reservation (4) and populate_physmap (6) are
/// <see cref="MemoryReservation"/>'s; increase_reservation (0), which on ARM allocates pages
/// with no guest address, is -ENOSYS like every other command.
/// </summary>
public sealed class MemoryOp(DomainManager domains, XsmHooks xsm, GrantService grants) : IHypercall
{
    const uint AddToPhysmap = 7;
    const uint SpaceSharedInfo = 0, SpaceGrantTable = 1;
    const uint OperationMask = (1u << MemoryReservation.ExtentShift) - 1;
    readonly MemoryReservation reservations = new(domains, xsm, grants);

    public uint Number => HypercallNumbers.MemoryOp;

    public int Invoke(in HypercallContext call)
    {
        uint op = call.A0 & OperationMask;
        return op switch
        {
            AddToPhysmap => DoAddToPhysmap(call),
            MemoryReservation.Decrease or MemoryReservation.Populate => reservations.Adjust(call, op, call.A0 >> MemoryReservation.ExtentShift),
            MemoryReservation.Current or MemoryReservation.Maximum => reservations.Query(call, op),
            _ => -Errno.ENOSYS,
        };
    }

    int DoAddToPhysmap(in HypercallContext call)
    {
        Span<byte> a = stackalloc byte[24];
        if (!Read(call, call.A1, a)) return -Errno.EFAULT;
        ushort domid = U16(a, 0);
        if (domid != DomidSelf && domid != call.Domain.Id) return -Errno.EPERM;
        int rc = xsm.AddToPhysmap(call.Domain, call.Domain);
        if (rc != 0) return rc;
        uint space = U32(a, 4);
        ulong idx = U64(a, 8), gpfn = U64(a, 16);
        uint frame;
        if (space == SpaceSharedInfo && idx == 0) frame = call.Domain.SharedInfoFrame;
        else if (space == SpaceGrantTable && idx < Grants.GrantTable.MaxFrames)
        {
            // Mapping grant frame idx grows the table to include it, as Xen does.
            if (!call.Domain.Grants.Grow((int)idx + 1, domains.Frames)) return -Errno.ENOMEM;
            frame = call.Domain.Grants.Frames[(int)idx];
        }
        else return -Errno.EINVAL;
        var memory = call.Domain.Memory;
        if (gpfn >= (ulong)memory.PseudoToMachine.Length) return -Errno.EINVAL;
        uint old = memory.PseudoToMachine[gpfn];
        if (old == frame) return 0;
        // The page there is freed: not if it is not the domain's own, another domain maps it, or
        // it holds a registered vcpu_info (the hypervisor writes to it).
        if (old != GuestMemory.NoFrame && !reservations.MayFree(call.Domain, old)) return -Errno.EBUSY;
        memory.PseudoToMachine[gpfn] = frame;
        call.Domain.AddressSpace.Map((uint)gpfn << 12, frame, Memory.AddressSpace.Access.UserReadWrite);
        if (old != GuestMemory.NoFrame) domains.ReleaseFrame(old);
        domains.TlbFlushNeeded = true;
        return 0;
    }
}
