using System.Buffers.Binary;

namespace Cloister.Hypervisor.Boot.DeviceTree;

/// <summary>
/// A node's "reg" as (address, size) pairs, each field as many cells as the parent's
/// #address-cells / #size-cells say (2 and 1 when absent, as the specification sets).
/// Cloister's machines are 32-bit: anything above 4 GiB is refused.
/// </summary>
public static class RegReader
{
    public static List<MemoryBank> Read(FdtNode node)
    {
        var parent = node.Parent ?? throw new BootException("device tree: the root node has no reg");
        uint addressCells = parent.Cell("#address-cells") ?? 2, sizeCells = parent.Cell("#size-cells") ?? 1;
        if (addressCells is 0 or > 2 || sizeCells > 2)
            throw new BootException($"device tree: {parent.Path} has #address-cells {addressCells}, #size-cells {sizeCells}; 1 or 2 expected");
        var value = node.Property("reg") ?? throw new BootException($"device tree: {node.Path} has no reg");
        int entry = (int)(addressCells + sizeCells) * 4;
        if (value.Length == 0 || value.Length % entry != 0)
            throw new BootException($"device tree: {node.Path} reg is {value.Length} bytes, not a multiple of {entry}");
        var banks = new List<MemoryBank>();
        for (int at = 0; at < value.Length; at += entry)
        {
            ulong address = Cells(value.AsSpan(at), addressCells), size = Cells(value.AsSpan(at + (int)addressCells * 4), sizeCells);
            if (address > uint.MaxValue || size > (1ul << 32) - address)
                throw new BootException($"device tree: {node.Path} reg 0x{address:x}+0x{size:x} is above 4 GiB");
            banks.Add(new MemoryBank((uint)address, (uint)size));
        }
        return banks;
    }

    static ulong Cells(ReadOnlySpan<byte> at, uint cells) => cells switch
    {
        0 => 0,
        1 => BinaryPrimitives.ReadUInt32BigEndian(at),
        _ => BinaryPrimitives.ReadUInt64BigEndian(at),
    };
}
