using System.Buffers.Binary;

namespace Cloister.Platform.Loaders;

/// <summary>A loadable segment of an ELF file: bytes at a physical address, zero-filled to MemSize.</summary>
public sealed record ElfSegment(uint PhysicalAddress, byte[] Data, uint MemSize);

/// <summary>
/// Reads 32-bit little-endian ARM ELF executables as QEMU's load_elf does for -kernel: PT_LOAD
/// segments go to their physical addresses (p_paddr), execution starts at e_entry.
/// </summary>
public sealed class ElfImage
{
    const ushort EmArm = 40;
    const uint PtLoad = 1;

    public uint Entry { get; private init; }
    public List<ElfSegment> Segments { get; } = [];
    public uint Low { get; private set; } = uint.MaxValue;
    public uint High { get; private set; }

    public static bool HasMagic(ReadOnlySpan<byte> file) =>
        file.Length >= 4 && file[0] == 0x7F && file[1] == (byte)'E' && file[2] == (byte)'L' && file[3] == (byte)'F';

    /// <summary>Parses <paramref name="file"/>; throws <see cref="BootException"/> for a bad or foreign ELF.</summary>
    public static ElfImage Parse(ReadOnlySpan<byte> file, string name)
    {
        if (!HasMagic(file)) throw new BootException($"{name}: not an ELF file");
        if (file.Length < 52) throw new BootException($"{name}: truncated ELF header");
        if (file[4] != 1) throw new BootException($"{name}: not a 32-bit ELF file");
        if (file[5] != 1) throw new BootException($"{name}: big-endian ELF images are not supported");
        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(file[16..]);
        ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(file[18..]);
        if (machine != EmArm) throw new BootException($"{name}: ELF image is not for ARM (e_machine {machine})");
        if (type is not (2 or 3)) throw new BootException($"{name}: ELF image is not an executable (e_type {type})");
        uint entry = BinaryPrimitives.ReadUInt32LittleEndian(file[24..]);
        uint phoff = BinaryPrimitives.ReadUInt32LittleEndian(file[28..]);
        ushort phentsize = BinaryPrimitives.ReadUInt16LittleEndian(file[42..]);
        ushort phnum = BinaryPrimitives.ReadUInt16LittleEndian(file[44..]);
        if (phnum == 0) throw new BootException($"{name}: ELF image has no program headers");
        if (phentsize < 32 || (ulong)phoff + (ulong)phentsize * phnum > (ulong)file.Length)
            throw new BootException($"{name}: ELF program headers are outside the file");

        var image = new ElfImage { Entry = entry };
        for (int i = 0; i < phnum; i++)
        {
            var ph = file.Slice((int)(phoff + (uint)(i * phentsize)), 32);
            if (BinaryPrimitives.ReadUInt32LittleEndian(ph) != PtLoad) continue;
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(ph[4..]);
            uint paddr = BinaryPrimitives.ReadUInt32LittleEndian(ph[12..]);
            uint filesz = BinaryPrimitives.ReadUInt32LittleEndian(ph[16..]);
            uint memsz = BinaryPrimitives.ReadUInt32LittleEndian(ph[20..]);
            if (memsz == 0) continue;
            if (filesz > memsz) throw new BootException($"{name}: ELF segment {i} has p_filesz > p_memsz");
            if ((ulong)offset + filesz > (ulong)file.Length)
                throw new BootException($"{name}: ELF segment {i} extends past the end of the file");
            if ((ulong)paddr + memsz > 0x1_0000_0000ul)
                throw new BootException($"{name}: ELF segment {i} wraps the address space");
            image.Segments.Add(new ElfSegment(paddr, file.Slice((int)offset, (int)filesz).ToArray(), memsz));
            image.Low = Math.Min(image.Low, paddr);
            image.High = Math.Max(image.High, paddr + memsz);
        }
        if (image.Segments.Count == 0) throw new BootException($"{name}: ELF image has no loadable segments");
        return image;
    }
}
