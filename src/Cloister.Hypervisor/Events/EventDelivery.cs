using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Memory;

namespace Cloister.Hypervisor.Events;

/// <summary>
/// Marks events pending in a domain's shared_info (the two-level ABI: pending and mask bitmaps,
/// the vCPU's pending selector and upcall flag) and wakes the vCPU that is to be notified.
/// </summary>
public sealed class EventDelivery(MachineMemory machine)
{
    // Bitmaps of little-endian words (the guest's u64 arrays read as pairs of u32) at a machine address.
    bool TestBit(uint bitmap, int bit) =>
        machine.TryRead32(bitmap + (uint)(bit / 32) * 4, out uint w) && (w >> (bit % 32) & 1) != 0;

    void SetBit(uint bitmap, int bit, bool value)
    {
        uint address = bitmap + (uint)(bit / 32) * 4;
        machine.TryRead32(address, out uint w);
        uint mask = 1u << (bit % 32);
        machine.Write32(address, value ? w | mask : w & ~mask);
    }

    static uint SharedInfo(Domain d, int offset) => (d.SharedInfoFrame << 12) + (uint)offset;

    public bool IsMasked(Domain d, int port) => TestBit(SharedInfo(d, SharedInfoLayout.EventMask), port);

    public bool IsPending(Domain d, int port) => TestBit(SharedInfo(d, SharedInfoLayout.EventPending), port);

    /// <summary>Machine address of a vCPU's vcpu_info (vCPU 0 defaults to the one in shared_info),
    /// or 0 when the vCPU has none yet.</summary>
    public static uint VcpuInfo(Vcpu v) =>
        v.InfoAddress != 0 ? v.InfoAddress : v.Id == 0 ? v.Domain.SharedInfoFrame << 12 : 0;

    /// <summary>Raises <paramref name="port"/> in <paramref name="d"/>: pending, then (unless masked) the
    /// selector bit and the upcall flag of the vCPU to notify; a port that newly became pending,
    /// masked or not, also wakes the vCPUs polling it.</summary>
    public void Raise(Domain d, EventChannel channel)
    {
        int port = channel.Port;
        uint pending = SharedInfo(d, SharedInfoLayout.EventPending);
        if (TestBit(pending, port)) return;
        SetBit(pending, port, true);
        if (!IsMasked(d, port)) Notify(d, channel.NotifyVcpu, port);
        WakePollers(d, (uint)port);
    }

    // A vCPU polling one port wakes for that port only; one polling several wakes for any port.
    static void WakePollers(Domain d, uint port)
    {
        foreach (var v in d.Vcpus)
            if (v.Polling && (v.PollPort is null || v.PollPort == port)) v.Wake();
    }

    /// <summary>After an unmask: a port that is still pending is delivered now.</summary>
    public void Unmask(Domain d, EventChannel channel)
    {
        SetBit(SharedInfo(d, SharedInfoLayout.EventMask), channel.Port, false);
        if (TestBit(SharedInfo(d, SharedInfoLayout.EventPending), channel.Port)) Notify(d, channel.NotifyVcpu, channel.Port);
    }

    void Notify(Domain d, int vcpuId, int port)
    {
        var v = vcpuId < d.Vcpus.Count ? d.Vcpus[vcpuId] : d.Vcpus[0];
        if (VcpuInfo(v) == 0) v = d.Vcpus[0]; // no vcpu_info registered yet: vCPU 0 takes it
        uint info = VcpuInfo(v);
        // evtchn_pending_sel is a 64-bit word: bit (port / 64).
        SetBit(info + SharedInfoLayout.PendingSelector, port / 64, true);
        machine.TryRead32(info, out uint w);
        machine.Write32(info, (w & ~0xFFu) | 1);
        v.Wake();
    }

    /// <summary>A vCPU's upcall flag and mask byte.</summary>
    public (bool Pending, bool Masked) UpcallState(Vcpu v)
    {
        uint info = VcpuInfo(v);
        if (info == 0) return (false, true);
        machine.TryRead32(info, out uint w);
        return ((w & 0xFF) != 0, ((w >> 8) & 0xFF) != 0);
    }

    public void SetUpcallMask(Vcpu v, bool masked)
    {
        uint info = VcpuInfo(v);
        if (info == 0) return;
        machine.TryRead32(info, out uint w);
        machine.Write32(info, (w & ~0xFF00u) | (masked ? 0x100u : 0));
    }
}
