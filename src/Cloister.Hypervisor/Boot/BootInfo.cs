namespace Cloister.Hypervisor.Boot;

/// <summary>A bank of RAM as the boot loader reported it.</summary>
public readonly record struct MemoryBank(uint Start, uint Size)
{
    public ulong End => (ulong)Start + Size;
}

/// <summary>What the hypervisor learns at entry: the Linux boot protocol's registers and what the
/// ATAG list (or DTB) says about memory, the command line and the initrd (the module bundle).</summary>
public sealed class BootInfo
{
    public uint MachineNumber { get; init; }
    public uint TagsAddress { get; init; }
    /// <summary>Where the entry stub was loaded (the trapping instruction's address).</summary>
    public uint ImageBase { get; init; }
    public List<MemoryBank> Memory { get; } = [];
    public string CommandLine { get; set; } = "";
    public uint InitrdStart { get; set; }
    public uint InitrdSize { get; set; }
}
