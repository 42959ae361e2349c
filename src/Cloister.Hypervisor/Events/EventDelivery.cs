using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Memory;

namespace Cloister.Hypervisor.Events;

/// <summary>
/// Marks events pending in a domain's shared_info (the two-level ABI: pending and mask bitmaps,
/// the vCPU's pending selector and upcall flag) and wakes the vCPU that is to be notified.
/// </summary>
public sealed class EventDelivery(MachineMemory machine)
{
    bool TestBit(Domain d, int offset, int port) =>
        machine.TryRead32(((d.SharedInfoFrame << 12) + (uint)offset + (uint)(port / 32) * 4), out uint w) && (w >> (port % 32) & 1) != 0;

    void SetBit(Domain d, int offset, int bit, bool value)
    {
        uint address = (d.SharedInfoFrame << 12) + (uint)offset + (uint)(bit / 32) * 4;
        machine.TryRead32(address, out uint w);
        uint mask = 1u << (bit % 32);
        machine.Write32(address, value ? w | mask : w & ~mask);
    }

    public bool IsMasked(Domain d, int port) => TestBit(d, SharedInfoLayout.EventMask, port);

    /// <summary>Raises <paramref name="port"/> in <paramref name="d"/>: pending, then (unless masked) the
    /// selector bit and the upcall flag of the vCPU to notify.</summary>
    public void Raise(Domain d, EventChannel channel)
    {
        int port = channel.Port;
        if (TestBit(d, SharedInfoLayout.EventPending, port)) return;
        SetBit(d, SharedInfoLayout.EventPending, port, true);
        if (IsMasked(d, port)) return;
        Notify(d, channel.NotifyVcpu, port);
    }

    /// <summary>After an unmask: a port that is still pending is delivered now.</summary>
    public void Unmask(Domain d, int port)
    {
        SetBit(d, SharedInfoLayout.EventMask, port, false);
        if (TestBit(d, SharedInfoLayout.EventPending, port)) Notify(d, 0, port);
    }

    void Notify(Domain d, int vcpuId, int port)
    {
        if (vcpuId != 0 || d.Vcpus.Count == 0) vcpuId = 0; // only vCPU 0's vcpu_info lives in shared_info
        // evtchn_pending_sel is a 64-bit word: bit (port / 64).
        SetBit(d, SharedInfoLayout.PendingSelector, port / 64, true);
        uint flagWord = (d.SharedInfoFrame << 12) + SharedInfoLayout.UpcallPending;
        machine.TryRead32(flagWord, out uint w);
        machine.Write32(flagWord, (w & ~0xFFu) | 1);
        d.Vcpus[vcpuId].Blocked = false;
    }

    /// <summary>vcpu_info's upcall flag and mask byte for vCPU 0.</summary>
    public (bool Pending, bool Masked) UpcallState(Domain d)
    {
        machine.TryRead32((d.SharedInfoFrame << 12) + SharedInfoLayout.UpcallPending, out uint w);
        return ((w & 0xFF) != 0, ((w >> 8) & 0xFF) != 0);
    }

    public void SetUpcallMask(Domain d, bool masked)
    {
        uint address = (d.SharedInfoFrame << 12) + SharedInfoLayout.UpcallPending;
        machine.TryRead32(address, out uint w);
        machine.Write32(address, (w & ~0xFF00u) | (masked ? 0x100u : 0));
    }
}
