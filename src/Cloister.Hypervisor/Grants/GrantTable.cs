using Cloister.Hypervisor.Memory;

namespace Cloister.Hypervisor.Grants;

/// <summary>
/// A domain's v1 grant table: frames of 8-byte entries {u16 flags, u16 domid, u32 frame} that the
/// domain writes (refs 0 and 1 are reserved for the console and xenstore), and the mappings other
/// domains hold of its pages. The frames belong to the hypervisor and are shared with the domain.
/// </summary>
public sealed class GrantTable(MachineMemory machine)
{
    public const int EntriesPerFrame = 512, MaxFrames = 4;
    readonly List<uint> frames = [];

    public IReadOnlyList<uint> Frames => frames;
    public int EntryCount => frames.Count * EntriesPerFrame;

    /// <summary>Grows the table to <paramref name="count"/> frames; false when over the limit or out of memory.</summary>
    public bool Grow(int count, FrameAllocator allocator)
    {
        if (count > MaxFrames) return false;
        while (frames.Count < count)
        {
            uint? f = allocator.Allocate(FrameAllocator.Hypervisor);
            if (f is null) return false;
            frames.Add(f.Value);
        }
        return true;
    }

    public bool TryReadEntry(uint reference, out ushort flags, out ushort domid, out uint frame)
    {
        flags = domid = 0;
        frame = 0;
        if (reference >= EntryCount) return false;
        uint address = (frames[(int)(reference / EntriesPerFrame)] << 12) + reference % EntriesPerFrame * 8;
        machine.TryRead32(address, out uint head);
        machine.TryRead32(address + 4, out frame);
        flags = (ushort)head;
        domid = (ushort)(head >> 16);
        return true;
    }

    /// <summary>Sets or clears GTF_reading/GTF_writing in an entry, leaving the guest's bits alone.</summary>
    public void SetInUse(uint reference, ushort bits, bool set)
    {
        uint address = (frames[(int)(reference / EntriesPerFrame)] << 12) + reference % EntriesPerFrame * 8;
        machine.TryRead32(address, out uint head);
        head = set ? head | bits : head & ~(uint)bits;
        machine.Write32(address, head);
    }

    public void Release(FrameAllocator allocator)
    {
        foreach (uint f in frames) allocator.Release(f);
        frames.Clear();
    }
}
