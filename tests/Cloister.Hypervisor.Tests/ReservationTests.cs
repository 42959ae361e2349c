using System.Buffers.Binary;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Events;
using Cloister.Hypervisor.Grants;
using Cloister.Hypervisor.Hypercalls;
using Cloister.Hypervisor.Memory;
using Cloister.Hypervisor.Xsm;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>memory_op's reservation commands as Xen 4.17's common/memory.c on ARM: decrease and
/// populate return the extents done and stop at the first that cannot be done; current and
/// maximum reservation report tot_pages and max_pages. struct xen_memory_reservation's layout is
/// AbiLayoutTests' (arm-none-eabi-gcc).</summary>
public class ReservationTests
{
    const uint Decrease = 1, Current = 3, Maximum = 4, Populate = 6, Increase = 0;
    readonly TestHost host = new(0x800000);
    readonly Domain guest, other;
    readonly MemoryOp op;

    // The argument in the domain's free top page, the extent list 0x100 above it; the frames the
    // tests move are in the middle of the domain's memory, where accomplice.elf has nothing.
    const uint Arg = TestHost.FreeGuestPage, List = TestHost.FreeGuestPage + 0x100, Pfn = 0x80;

    public ReservationTests()
    {
        guest = host.CreateGuest("balloon");
        other = host.CreateGuest("other");
        op = MakeOp(new XsmHooks(FlaskMode.Disabled, _ => { }));
    }

    MemoryOp MakeOp(XsmHooks xsm) => new(host.Domains, xsm, new GrantService(host.Domains, host.Machine, host.Frames));

    int Reserve(uint command, ulong[] frames, uint order = 0, ushort domid = GuestStructs.DomidSelf,
                ulong? nrExtents = null, uint flags = 0, uint startExtent = 0, MemoryOp? with = null, uint list = List)
    {
        Span<byte> r = stackalloc byte[MemoryReservation.Layout.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(r[MemoryReservation.Layout.ExtentStart..], list);
        BinaryPrimitives.WriteUInt64LittleEndian(r[MemoryReservation.Layout.NrExtents..], nrExtents ?? (ulong)frames.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(r[MemoryReservation.Layout.ExtentOrder..], order);
        BinaryPrimitives.WriteUInt32LittleEndian(r[MemoryReservation.Layout.MemFlags..], flags);
        BinaryPrimitives.WriteUInt16LittleEndian(r[MemoryReservation.Layout.DomId..], domid);
        Assert.True(guest.Memory.TryWrite(Arg, r));
        var entries = new byte[frames.Length * 8];
        for (int i = 0; i < frames.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(entries.AsSpan(i * 8), frames[i]);
        Assert.True(guest.Memory.TryWrite(List, entries));
        return (with ?? op).Invoke(new HypercallContext(guest.Vcpus[0], HypercallNumbers.MemoryOp,
            command | startExtent << MemoryReservation.ExtentShift, Arg, 0, 0, 0));
    }

    int Query(uint command, ushort domid, MemoryOp? with = null)
    {
        Span<byte> a = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(a, domid);
        Assert.True(guest.Memory.TryWrite(Arg, a));
        return (with ?? op).Invoke(new HypercallContext(guest.Vcpus[0], HypercallNumbers.MemoryOp, command, Arg, 0, 0, 0));
    }

    int TotPages => host.Domains.TotPages(guest);
    bool Backed(uint pfn) => guest.Memory.PseudoToMachine[pfn] != GuestMemory.NoFrame;

    [Fact]
    public void Current_and_maximum_reservation_report_tot_and_max_pages()
    {
        Assert.Equal(256, Query(Current, GuestStructs.DomidSelf));
        Assert.Equal(256, Query(Maximum, (ushort)guest.Id));
        Assert.Equal(-Errno.ESRCH, Query(Current, 99));
        Assert.Equal(-Errno.EFAULT, op.Invoke(new HypercallContext(guest.Vcpus[0], HypercallNumbers.MemoryOp, Current, 0x100FFF, 0, 0, 0)));
    }

    [Fact]
    public void Decrease_frees_scrubbed_pages_and_populate_brings_zeroed_ones_back()
    {
        Assert.True(guest.Memory.TryWrite(Pfn << 12, [1, 2, 3, 4]));
        uint oldFrame = guest.Memory.PseudoToMachine[Pfn];

        Assert.Equal(2, Reserve(Decrease, [Pfn, Pfn + 2]));
        Assert.False(Backed(Pfn));
        Assert.True(Backed(Pfn + 1));
        Assert.False(Backed(Pfn + 2));
        Assert.Equal(254, TotPages);
        Assert.Equal(FrameAllocator.Free, host.Frames.OwnerOf(oldFrame));
        Assert.True(host.Machine.TryRead32(oldFrame << 12, out uint scrubbed));
        Assert.Equal(0u, scrubbed);
        Assert.False(guest.Memory.TryRead32(Pfn << 12, out _)); // unmapped: hypercalls get -EFAULT

        Assert.Equal(2, Reserve(Populate, [Pfn, Pfn + 2]));
        Assert.Equal(256, TotPages);
        Assert.True(guest.Memory.TryRead32(Pfn << 12, out uint fresh));
        Assert.Equal(0u, fresh);
        Assert.Equal(guest.Id, host.Frames.OwnerOf(guest.Memory.PseudoToMachine[Pfn]));
    }

    [Fact]
    public void Extents_of_order_n_move_2_to_the_n_pages_and_order_10_is_refused()
    {
        Assert.Equal(1, Reserve(Decrease, [Pfn], order: 3));
        Assert.Equal(248, TotPages);
        Assert.All(Enumerable.Range(0, 8), i => Assert.False(Backed(Pfn + (uint)i)));
        Assert.Equal(1, Reserve(Populate, [Pfn], order: 3));
        Assert.Equal(256, TotPages);
        Assert.Equal(0, Reserve(Decrease, [0], order: MemoryReservation.MaxOrder + 1));
        Assert.Equal(256, TotPages);
    }

    [Fact]
    public void Populate_stops_at_a_frame_already_backed_and_at_max_pages()
    {
        Assert.Equal(1, Reserve(Decrease, [Pfn]));
        Assert.Equal(1, Reserve(Populate, [Pfn, Pfn + 1]));   // Pfn + 1 is backed already
        Assert.Equal(256, TotPages);

        Assert.Equal(3, Reserve(Decrease, [Pfn, Pfn + 1, Pfn + 2]));
        guest.MaxPages = 255;
        Assert.Equal(2, Reserve(Populate, [Pfn, Pfn + 1, Pfn + 2]));
        Assert.Equal(255, TotPages);
        Assert.False(Backed(Pfn + 2));
    }

    [Fact]
    public void Pages_that_are_not_the_domains_own_RAM_or_are_in_use_are_not_given_back()
    {
        // shared_info mapped over a page, a frame beyond its memory, a hole, a page with vcpu_info.
        guest.Memory.PseudoToMachine[Pfn] = guest.SharedInfoFrame;
        Assert.Equal(0, Reserve(Decrease, [Pfn]));
        Assert.Equal(0, Reserve(Decrease, [0x100]));
        Assert.Equal(1, Reserve(Decrease, [Pfn + 1]));
        Assert.Equal(0, Reserve(Decrease, [Pfn + 1]));
        guest.Vcpus[0].InfoAddress = guest.Memory.PseudoToMachine[Pfn + 2] << 12;
        Assert.Equal(0, Reserve(Decrease, [Pfn + 2]));
        Assert.True(Backed(Pfn + 2));
        // An extent is all or nothing: one page in use keeps the other seven.
        Assert.Equal(0, Reserve(Decrease, [Pfn], order: 3));
        Assert.True(Backed(Pfn + 3));
    }

    [Fact]
    public void Bad_arguments_stop_at_the_start_extent()
    {
        Assert.Equal(0, op.Invoke(new HypercallContext(guest.Vcpus[0], HypercallNumbers.MemoryOp, Decrease, 0x100FF0, 0, 0, 0)));
        Assert.Equal(0, Reserve(Decrease, [Pfn], list: 0x100000));                 // the list is past its memory
        Assert.Equal(256, TotPages);
        Assert.Equal(0, Reserve(Populate, [Pfn], domid: 99));                      // no such domain
        Assert.Equal(0, Reserve(Populate, [Pfn], flags: 12));                      // a 4 KiB address width
        Assert.Equal(0, Reserve(Populate, [Pfn], flags: 1 << 16));                 // populate-on-demand
        Assert.Equal(0, Reserve(Populate, [Pfn], nrExtents: (uint.MaxValue >> 6) + 1UL));
        Assert.Equal(3, Reserve(Populate, [Pfn], nrExtents: 3, startExtent: 3));   // nothing left to do
        Assert.Equal(-Errno.ENOSYS, Reserve(Increase, [Pfn]));
    }

    [Fact]
    public void A_resumed_command_starts_at_its_start_extent()
    {
        Assert.Equal(3, Reserve(Decrease, [Pfn, Pfn + 1, Pfn + 2], startExtent: 1));
        Assert.True(Backed(Pfn));
        Assert.False(Backed(Pfn + 1));
        Assert.False(Backed(Pfn + 2));
    }

    [Theory]
    [InlineData("domU_t", "domU_t")]
    [InlineData("dom0_t", "domU_t")]
    [InlineData("domU_t", "vault_t")]
    public void Another_domains_reservation_is_what_FLASK_mmu_adjust_and_stat_say(string source, string target)
    {
        var audit = new List<string>();
        var xsm = TestHost.EnforcingXsm(audit);
        TestHost.Label(xsm, guest, source);
        TestHost.Label(xsm, other, target);
        bool adjust = Sesearch.Allows(TestHost.ProjectPolicy, source, target, "mmu", "adjust");
        bool stat = Sesearch.Allows(TestHost.ProjectPolicy, source, target, "mmu", "stat");
        var withFlask = MakeOp(xsm);

        Assert.Equal(adjust ? 1 : 0, Reserve(Decrease, [Pfn], domid: (ushort)other.Id, with: withFlask));
        Assert.Equal(adjust ? 255 : 256, host.Domains.TotPages(other));
        Assert.Equal(256, TotPages);
        Assert.Equal(stat ? host.Domains.TotPages(other) : -Errno.EACCES, Query(Current, (ushort)other.Id, withFlask));
        Assert.Equal((adjust ? 0 : 1) + (stat ? 0 : 1), audit.Count(l => l.Contains("denied")));
    }
}
