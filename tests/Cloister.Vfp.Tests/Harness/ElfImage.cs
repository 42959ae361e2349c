using System.Buffers.Binary;

namespace Cloister.Vfp.Tests.Harness;

/// <summary>The loadable segments and entry point of a little-endian ELF32 executable, placed the
/// way QEMU's -kernel loader places an ELF (at its physical addresses).</summary>
public sealed record ElfImage(uint Entry, IReadOnlyList<(uint Address, byte[] Bytes)> Segments)
{
    public static ElfImage Read(string path)
    {
        byte[] f = File.ReadAllBytes(path);
        if (f.Length < 52 || f[0] != 0x7F || f[1] != (byte)'E' || f[4] != 1 || f[5] != 1)
            throw new InvalidDataException($"{path} is not a little-endian ELF32 file");
        uint entry = BinaryPrimitives.ReadUInt32LittleEndian(f.AsSpan(24));
        uint phoff = BinaryPrimitives.ReadUInt32LittleEndian(f.AsSpan(28));
        int phentsize = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(42));
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(44));
        var segments = new List<(uint, byte[])>();
        for (int i = 0; i < phnum; i++)
        {
            var ph = f.AsSpan((int)phoff + i * phentsize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(ph) != 1) continue; // PT_LOAD
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(ph[4..]);
            uint paddr = BinaryPrimitives.ReadUInt32LittleEndian(ph[12..]);
            uint filesz = BinaryPrimitives.ReadUInt32LittleEndian(ph[16..]);
            uint memsz = BinaryPrimitives.ReadUInt32LittleEndian(ph[20..]);
            var bytes = new byte[memsz];
            f.AsSpan((int)offset, (int)filesz).CopyTo(bytes);
            segments.Add((paddr, bytes));
        }
        return new ElfImage(entry, segments);
    }
}
