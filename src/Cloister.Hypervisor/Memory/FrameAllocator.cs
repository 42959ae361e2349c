using Cloister.Hypervisor.Boot;

namespace Cloister.Hypervisor.Memory;

/// <summary>
/// Owns every 4 KiB machine frame of RAM: free, the hypervisor's, or one domain's. Frames are
/// scrubbed when freed so nothing leaks from one owner to the next.
/// </summary>
public sealed class FrameAllocator
{
    public const int Free = -2, Hypervisor = -1, Reserved = -3;
    public const int FrameSize = 4096;

    readonly MachineMemory memory;
    readonly Dictionary<uint, int> owner = [];
    readonly SortedSet<uint> free = [];

    public FrameAllocator(MachineMemory memory, IEnumerable<MemoryBank> banks)
    {
        this.memory = memory;
        foreach (var bank in banks)
        {
            uint first = (bank.Start + 0xFFF) >> 12;
            ulong endFrame = bank.End >> 12;
            for (ulong f = first; f < endFrame; f++)
            {
                owner[(uint)f] = Free;
                free.Add((uint)f);
            }
        }
    }

    public int FreeFrames => free.Count;
    /// <summary>Every frame of RAM the boot loader reported (xl info's total_memory).</summary>
    public int TotalFrames => owner.Count;

    /// <summary>Takes frames out of use for good (boot image, tags, modules still being read).</summary>
    public void Reserve(uint start, uint length)
    {
        if (length == 0) return;
        for (ulong f = start >> 12; f <= ((ulong)start + length - 1) >> 12; f++)
        {
            if (free.Remove((uint)f)) owner[(uint)f] = Reserved;
        }
    }

    public int OwnerOf(uint frame) => owner.TryGetValue(frame, out int o) ? o : Reserved;

    /// <summary>One zeroed frame for <paramref name="ownerId"/>, or null when memory is exhausted.</summary>
    public uint? Allocate(int ownerId)
    {
        if (free.Count == 0) return null;
        uint f = free.Min;
        free.Remove(f);
        owner[f] = ownerId;
        memory.Clear(f << 12, FrameSize);
        return f;
    }

    /// <summary><paramref name="count"/> contiguous zeroed frames aligned to <paramref name="alignFrames"/>.</summary>
    public uint? AllocateContiguous(int ownerId, int count, int alignFrames)
    {
        foreach (uint start in free)
        {
            if (start % (uint)alignFrames != 0) continue;
            bool ok = true;
            for (uint i = 1; i < count && ok; i++) ok = free.Contains(start + i);
            if (!ok) continue;
            for (uint i = 0; i < count; i++)
            {
                free.Remove(start + i);
                owner[start + i] = ownerId;
                memory.Clear((start + i) << 12, FrameSize);
            }
            return start;
        }
        return null;
    }

    /// <summary>A frame went back to the pool (its number): the CPUs forget code decoded from it,
    /// which a domain built later in the same frame must not run.</summary>
    public event Action<uint>? Released;

    public void Release(uint frame)
    {
        if (OwnerOf(frame) is Free or Reserved) return;
        memory.Clear(frame << 12, FrameSize);
        Released?.Invoke(frame);
        owner[frame] = Free;
        free.Add(frame);
    }
}
