using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Grants;
using Cloister.Hypervisor.Xsm;
using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// memory_op's reservation commands, as Xen 4.17's common/memory.c on ARM (every guest is
/// translated): decrease_reservation (1) gives pages back, populate_physmap (6) backs guest frames
/// with new pages, current_reservation (3) and maximum_reservation (4) report tot_pages and
/// max_pages. The first two return how many extents were done; whatever stops them (a bad
/// argument, a FLASK denial, a page that cannot go or come) leaves the count where it stopped,
/// so a guest compares the result with nr_extents.
/// </summary>
public sealed class MemoryReservation(DomainManager domains, XsmHooks xsm, GrantService grants)
{
    public const uint Decrease = 1, Current = 3, Maximum = 4, Populate = 6;

    /// <summary>struct xen_memory_reservation on arm32 (arm-none-eabi-gcc): the extent_start handle
    /// and nr_extents (xen_ulong_t) are 8 bytes each.</summary>
    public static class Layout
    {
        public const int ExtentStart = 0, NrExtents = 8, ExtentOrder = 16, MemFlags = 20, DomId = 24, Size = 32;
    }

    /// <summary>Xen's CONFIG_DOMU_MAX_ORDER on ARM: extents of up to 512 pages.</summary>
    public const uint MaxOrder = 9;
    /// <summary>The low bits of a command hold the operation; the rest is where to resume.</summary>
    public const int ExtentShift = 6;
    const uint AddressBitsMask = 0xFF;

    /// <summary>decrease_reservation or populate_physmap, resuming at <paramref name="startExtent"/>.</summary>
    public int Adjust(in HypercallContext call, uint op, uint startExtent)
    {
        Span<byte> r = stackalloc byte[Layout.Size];
        if (!Read(call, call.A1, r)) return (int)startExtent;
        ulong count = U64(r, Layout.NrExtents);
        if (count > uint.MaxValue >> ExtentShift || startExtent >= count) return (int)startExtent;
        var target = Resolve(call, U16(r, Layout.DomId));
        if (target is null) return (int)startExtent;
        uint order = U32(r, Layout.ExtentOrder), flags = U32(r, Layout.MemFlags);
        uint addressBits = flags & AddressBitsMask;
        // Address widths of a page or less cannot be met; populate-on-demand and vNUMA node
        // requests (the flags above the width) are not available on ARM / without vNUMA.
        if (addressBits is > 0 and <= 12 || (flags & ~AddressBitsMask) != 0) return (int)startExtent;
        if (xsm.MemoryAdjust(call.Domain, target) != 0) return (int)startExtent;
        if (order > MaxOrder) return (int)startExtent;
        uint list = U32(r, Layout.ExtentStart);   // the handle's low word is the pointer on arm32
        uint pages = 1u << (int)order;
        // Counted once and kept up to date: counting the physmap for each extent would make a
        // long list quadratic.
        int owned = op == Populate ? domains.TotPages(target) : 0;
        Span<byte> entry = stackalloc byte[8];
        uint done = startExtent;
        for (; done < count; done++)
        {
            if (!Read(call, list + done * 8, entry)) break;
            ulong frame = U64(entry, 0);
            bool ok = op == Decrease ? GiveBack(target, frame, pages) : Back(target, frame, pages, ref owned);
            if (!ok) break;
        }
        return (int)done;
    }

    /// <summary>current_reservation / maximum_reservation: the argument is a domid_t.</summary>
    public int Query(in HypercallContext call, uint op)
    {
        Span<byte> a = stackalloc byte[2];
        if (!Read(call, call.A1, a)) return -Errno.EFAULT;
        var target = Resolve(call, U16(a, 0));
        if (target is null) return -Errno.ESRCH;
        int rc = xsm.MemoryStat(call.Domain, target);
        if (rc != 0) return rc;
        return op == Current ? domains.TotPages(target) : (int)target.MaxPages;
    }

    Domain? Resolve(in HypercallContext call, ushort domid) =>
        domid == DomidSelf || domid == call.Domain.Id ? call.Domain : domains.Find(domid);

    /// <summary>Unmaps and frees (scrubbed) the pages of one extent: all or none. Each must be the
    /// domain's own page (not shared_info, a grant frame or a page mapped from another domain)
    /// that nobody else maps through a grant and that holds no registered vcpu_info.</summary>
    bool GiveBack(Domain d, ulong first, uint pages)
    {
        var p2m = d.Memory.PseudoToMachine;
        if (first + pages > (ulong)p2m.Length) return false;
        for (uint i = 0; i < pages; i++)
            if (!MayFree(d, p2m[first + i])) return false;
        for (uint i = 0; i < pages; i++)
        {
            uint gfn = (uint)first + i, mfn = p2m[gfn];
            p2m[gfn] = GuestMemory.NoFrame;
            d.AddressSpace.Unmap(gfn << 12);
            domains.ReleaseFrame(mfn);
        }
        domains.TlbFlushNeeded = true;
        return true;
    }

    /// <summary>Backs the frames of one extent with new (zeroed) pages: all or none. Each must be a hole in
    /// the domain's pseudo-physical space (Cloister does not replace a page that is there, which
    /// Xen on ARM would leave allocated and unreachable), and the domain must stay within max_pages:
    /// <paramref name="owned"/> is its tot_pages, raised by what is populated.</summary>
    bool Back(Domain d, ulong first, uint pages, ref int owned)
    {
        var p2m = d.Memory.PseudoToMachine;
        if (first + pages > (ulong)p2m.Length) return false;
        for (uint i = 0; i < pages; i++)
            if (p2m[first + i] != GuestMemory.NoFrame) return false;
        if ((ulong)owned + pages > d.MaxPages || domains.Frames.FreeFrames < pages) return false;
        for (uint i = 0; i < pages; i++)
        {
            uint gfn = (uint)first + i;
            uint mfn = domains.Frames.Allocate(d.Id)!.Value;
            p2m[gfn] = mfn;
            d.AddressSpace.Map(gfn << 12, mfn, Memory.AddressSpace.Access.UserReadWrite);
        }
        owned += (int)pages;
        return true;
    }

    /// <summary>Whether a frame in the domain's physmap may be taken from it and freed.</summary>
    public bool MayFree(Domain d, uint frame) =>
        frame != GuestMemory.NoFrame && domains.Frames.OwnerOf(frame) == d.Id && !grants.IsMapped(frame)
        && !d.Vcpus.Any(v => v.InfoAddress != 0 && v.InfoAddress >> 12 == frame);
}
