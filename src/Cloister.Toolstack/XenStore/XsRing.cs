using System.Buffers.Binary;
using Cloister.Toolstack.Rings;

namespace Cloister.Toolstack.XenStore;

/// <summary>
/// The xenstore ring (io/xs_wire.h, struct xenstore_domain_interface): req[1024] @0 written by the
/// guest, rsp[1024] @1024 written by xenstored, then u32 req_cons @2048, req_prod, rsp_cons,
/// rsp_prod @2060. Indexes run freely; the byte for index i is at i mod 1024. Requests are taken
/// whole (a header and its payload, which may arrive over several notifications); replies that do
/// not fit wait for the guest to make room.
/// </summary>
public sealed class XsRing(IRingPage page)
{
    const int RingSize = 1024, ReqOffset = 0, RspOffset = 1024, ReqCons = 2048, ReqProd = 2052, RspCons = 2056, RspProd = 2060;

    readonly List<byte> incoming = [];
    readonly Queue<byte[]> outgoing = new();
    int outgoingDone;

    /// <summary>False once the guest broke the protocol (indexes out of range, oversized message): the
    /// connection is then ignored, as xenstored drops it.</summary>
    public bool Healthy { get; private set; } = true;

    uint U32(int offset)
    {
        Span<byte> b = stackalloc byte[4];
        if (!page.Read(offset, b)) { Healthy = false; return 0; }
        return BinaryPrimitives.ReadUInt32LittleEndian(b);
    }

    void Put32(int offset, uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        if (!page.Write(offset, b)) Healthy = false;
    }

    /// <summary>Takes the bytes the guest produced; returns the whole requests now available.
    /// <paramref name="consumed"/> says whether the guest's ring gained room (it is then told, as
    /// xenstored does, since a guest with a long request may be waiting for it).</summary>
    public List<XsMessage> Receive(out bool consumed)
    {
        var messages = new List<XsMessage>();
        consumed = false;
        if (!Healthy) return messages;
        uint cons = U32(ReqCons), prod = U32(ReqProd);
        if (prod - cons > RingSize) { Healthy = false; return messages; }
        consumed = cons != prod;
        var one = new byte[1];
        for (; cons != prod; cons++)
        {
            if (!page.Read(ReqOffset + (int)(cons % RingSize), one)) { Healthy = false; return messages; }
            incoming.Add(one[0]);
        }
        Put32(ReqCons, cons);
        while (incoming.Count >= XsMessage.HeaderSize)
        {
            var header = incoming.GetRange(0, XsMessage.HeaderSize).ToArray();
            uint len = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12));
            if (len > XsMessage.PayloadMax) { Healthy = false; break; }
            if (incoming.Count < XsMessage.HeaderSize + len) break;
            var payload = incoming.GetRange(XsMessage.HeaderSize, (int)len).ToArray();
            incoming.RemoveRange(0, XsMessage.HeaderSize + (int)len);
            messages.Add(new XsMessage((XsType)BinaryPrimitives.ReadUInt32LittleEndian(header),
                BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)), BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8)), payload));
        }
        return messages;
    }

    /// <summary>Messages written in part or waiting for room.</summary>
    public int Pending => outgoing.Count;

    /// <summary>Queues a message for the guest; false (and dropped) when <see cref="Quotas.EventsQueued"/>
    /// are already waiting: a guest that never reads its replies cannot make dom0 hold them without bound.</summary>
    public bool Queue(XsMessage m, int limit)
    {
        if (outgoing.Count >= limit) return false;
        outgoing.Enqueue(m.ToBytes());
        return true;
    }

    /// <summary>Writes queued replies as far as the ring has room; true when something was written.</summary>
    public bool Flush()
    {
        if (!Healthy) return false;
        uint cons = U32(RspCons), prod = U32(RspProd);
        if (prod - cons > RingSize) { Healthy = false; return false; }
        uint start = prod;
        while (outgoing.Count > 0 && prod - cons < RingSize)
        {
            var bytes = outgoing.Peek();
            if (!page.Write(RspOffset + (int)(prod % RingSize), bytes.AsSpan(outgoingDone, 1))) { Healthy = false; return false; }
            prod++;
            if (++outgoingDone == bytes.Length) { outgoing.Dequeue(); outgoingDone = 0; }
        }
        if (prod == start) return false;
        Put32(RspProd, prod);
        return true;
    }
}
