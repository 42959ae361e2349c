namespace Cloister.Hypervisor.Memory;

/// <summary>
/// A set of ARMv5-format translation tables that the hypervisor builds and owns: a 16 KiB
/// first-level table and coarse second-level tables, all in hypervisor frames. Guests never see
/// or write them; every mapping in them is one the hypervisor decided.
/// </summary>
public sealed class AddressSpace
{
    /// <summary>Small-page descriptor access: all four sub-pages the same.</summary>
    public enum Access : uint
    {
        /// <summary>AP=01: privileged read/write, no user access (the hypervisor's own pages).</summary>
        PrivilegedOnly = 0x550,
        /// <summary>AP=10: privileged read/write, user read-only.</summary>
        UserReadOnly = 0xAA0,
        /// <summary>AP=11: user read/write.</summary>
        UserReadWrite = 0xFF0,
    }

    /// <summary>The MMU domain (DACR field) every mapping uses; set to client.</summary>
    public const uint MmuDomain = 0;
    const uint CoarseDescriptor = 0x11, SmallPage = 0x2, Cacheable = 0xC;

    readonly MachineMemory memory;
    readonly FrameAllocator frames;
    readonly Dictionary<uint, uint> coarseTables = []; // 1 MiB section index -> table address
    readonly List<uint> ownedFrames = [];

    public AddressSpace(MachineMemory memory, FrameAllocator frames)
    {
        this.memory = memory;
        this.frames = frames;
        uint first = frames.AllocateContiguous(FrameAllocator.Hypervisor, 4, 4)
            ?? throw new OutOfMemoryException("no 16 KiB block for a first-level table");
        for (uint i = 0; i < 4; i++) ownedFrames.Add(first + i);
        L1Address = first << 12;
    }

    /// <summary>Machine address of the first-level table (what TTBR0 gets).</summary>
    public uint L1Address { get; }

    public void Map(uint va, uint machineFrame, Access access)
    {
        uint l2 = CoarseTableFor(va);
        uint descriptor = (machineFrame << 12) | (uint)access | Cacheable | SmallPage;
        memory.Write32(l2 + ((va >> 12) & 0xFF) * 4, descriptor);
    }

    public void Unmap(uint va)
    {
        if (coarseTables.TryGetValue(va >> 20, out uint l2))
            memory.Write32(l2 + ((va >> 12) & 0xFF) * 4, 0);
    }

    uint CoarseTableFor(uint va)
    {
        uint section = va >> 20;
        if (coarseTables.TryGetValue(section, out uint table)) return table;
        // One frame holds four 1 KiB coarse tables: hand them out for four neighbouring MiBs.
        uint groupBase = section & ~3u;
        uint frame = frames.Allocate(FrameAllocator.Hypervisor) ?? throw new OutOfMemoryException("no frame for a page table");
        ownedFrames.Add(frame);
        for (uint i = 0; i < 4; i++)
        {
            uint tableAddress = (frame << 12) + i * 0x400;
            coarseTables[groupBase + i] = tableAddress;
            memory.Write32(L1Address + (groupBase + i) * 4, tableAddress | (MmuDomain << 5) | CoarseDescriptor);
        }
        return coarseTables[section];
    }

    /// <summary>Gives every table frame back (they are scrubbed by the allocator).</summary>
    public void Release()
    {
        foreach (uint f in ownedFrames) frames.Release(f);
        ownedFrames.Clear();
        coarseTables.Clear();
    }
}
