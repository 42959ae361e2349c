using System.Buffers.Binary;
using Cloister.Hypervisor.Boot;

namespace Cloister.Hypervisor.Domains;

/// <summary>The parts of a 32-bit little-endian ARM ELF executable the domain builder needs.</summary>
public sealed record ElfImage(uint Entry, IReadOnlyList<ElfImage.Segment> Segments)
{
    public sealed record Segment(uint VirtualAddress, uint MemorySize, byte[] Data);

    const uint PtLoad = 1;
    const ushort MachineArm = 40;

    public static ElfImage Parse(ReadOnlySpan<byte> file, string name)
    {
        if (file.Length < 52 || file[0] != 0x7F || file[1] != (byte)'E' || file[2] != (byte)'L' || file[3] != (byte)'F')
            throw new BootException($"{name}: not an ELF file");
        if (file[4] != 1 || file[5] != 1)
            throw new BootException($"{name}: not a 32-bit little-endian ELF");
        if (BinaryPrimitives.ReadUInt16LittleEndian(file[18..]) != MachineArm)
            throw new BootException($"{name}: not an ARM executable");
        uint entry = BinaryPrimitives.ReadUInt32LittleEndian(file[24..]);
        uint phoff = BinaryPrimitives.ReadUInt32LittleEndian(file[28..]);
        int phentsize = BinaryPrimitives.ReadUInt16LittleEndian(file[42..]);
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(file[44..]);
        if (phentsize < 32 || phnum > 64 || phoff + (ulong)phentsize * (ulong)phnum > (ulong)file.Length)
            throw new BootException($"{name}: bad program header table");
        var segments = new List<Segment>();
        for (int i = 0; i < phnum; i++)
        {
            var ph = file.Slice((int)phoff + i * phentsize, 32);
            if (BinaryPrimitives.ReadUInt32LittleEndian(ph) != PtLoad) continue;
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(ph[4..]);
            uint vaddr = BinaryPrimitives.ReadUInt32LittleEndian(ph[8..]);
            uint filesz = BinaryPrimitives.ReadUInt32LittleEndian(ph[16..]);
            uint memsz = BinaryPrimitives.ReadUInt32LittleEndian(ph[20..]);
            if (filesz > memsz || (ulong)offset + filesz > (ulong)file.Length || (ulong)vaddr + memsz > uint.MaxValue)
                throw new BootException($"{name}: segment {i} is malformed");
            segments.Add(new Segment(vaddr, memsz, file.Slice((int)offset, (int)filesz).ToArray()));
        }
        if (segments.Count == 0) throw new BootException($"{name}: no loadable segment");
        return new ElfImage(entry, segments);
    }
}
