using System.Buffers.Binary;
using Cloister.Toolstack.XenStore;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// The xenstore ring (io/xs_wire.h, struct xenstore_domain_interface): req[1024] @0, rsp[1024]
/// @1024, req_cons @2048, req_prod @2052, rsp_cons @2056, rsp_prod @2060; free-running indexes,
/// byte i at i mod 1024 (the XENSTORE_RING_IDX / MASK_XENSTORE_IDX convention).
/// </summary>
public class XsRingTests
{
    /// <summary>What a guest does: bytes at prod mod 1024, then prod advances.</summary>
    static void GuestPuts(MemoryRingPage p, byte[] data)
    {
        uint prod = p[2052];
        foreach (var b in data) p.Bytes[prod++ % 1024] = b;
        p[2052] = prod;
    }

    [Fact]
    public void A_request_across_the_ring_end_and_split_over_two_notifications_is_taken_whole()
    {
        var page = new MemoryRingPage();
        page[2048] = page[2052] = 0xFFFFFFF0u; // indexes about to wrap, 1024-byte aligned modulo
        var ring = new XsRing(page);
        var request = new XsMessage(XsType.Read, 9, 0, XsMessage.Join(["name"])).ToBytes();
        GuestPuts(page, request[..10]);
        Assert.Empty(ring.Receive(out bool consumed));
        Assert.True(consumed);
        Assert.Equal(page[2052], page[2048]); // req_cons caught up with req_prod
        GuestPuts(page, request[10..]);
        var m = Assert.Single(ring.Receive(out _));
        Assert.Equal((XsType.Read, 9u, "name"), (m.Type, m.RequestId, m.Strings()[0]));
    }

    [Fact]
    public void Replies_wait_for_room_and_continue_where_they_stopped()
    {
        var page = new MemoryRingPage();
        var ring = new XsRing(page);
        var big = new XsMessage(XsType.Read, 1, 0, new byte[1000]);
        Assert.True(ring.Queue(big, 2));
        Assert.True(ring.Queue(new XsMessage(XsType.Read, 2, 0, new byte[100]), 2));
        Assert.False(ring.Queue(new XsMessage(XsType.WatchEvent, 0, 0, new byte[1]), 2)); // the limit: dropped
        Assert.True(ring.Flush());
        Assert.Equal(1024u, page[2060]);          // rsp_prod: the ring is full
        Assert.False(ring.Flush());               // no room: nothing written
        page[2056] = 1024;                        // the guest consumed everything
        Assert.True(ring.Flush());
        Assert.Equal(16u + 1000 + 16 + 100, page[2060]);
        // The second header began at index 1016, before the wait: its req_id is the ring's last word.
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(page.Bytes.AsSpan(1024 + (1016 + 4) % 1024)));
    }

    [Fact]
    public void A_guest_that_breaks_the_protocol_is_ignored_from_then_on()
    {
        var page = new MemoryRingPage();
        var ring = new XsRing(page);
        page[2052] = 5000; // more than a ring's worth produced
        Assert.Empty(ring.Receive(out _));
        Assert.False(ring.Healthy);
        var oversized = new MemoryRingPage();
        var ring2 = new XsRing(oversized);
        var header = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), XsMessage.PayloadMax + 1);
        GuestPuts(oversized, header);
        Assert.Empty(ring2.Receive(out _));
        Assert.False(ring2.Healthy);
    }
}
