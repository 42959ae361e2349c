using System.Buffers.Binary;

namespace Cloister.ArmV6.Tests.Harness;

/// <summary>The loadable segments and entry point of a 32-bit little-endian ARM ELF.</summary>
public sealed record ElfImage(uint Entry, IReadOnlyList<(uint Address, byte[] Data)> Segments)
{
    public static ElfImage Read(string path)
    {
        byte[] f = File.ReadAllBytes(path);
        uint U32(int o) => BinaryPrimitives.ReadUInt32LittleEndian(f.AsSpan(o));
        ushort U16(int o) => BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(o));
        if (f.Length < 52 || f[0] != 0x7F || f[1] != 'E' || f[4] != 1) throw new InvalidDataException($"{path}: not an ELF32 file");
        uint phoff = U32(28);
        int phentsize = U16(42), phnum = U16(44);
        var segs = new List<(uint, byte[])>();
        for (int i = 0; i < phnum; i++)
        {
            int p = (int)phoff + i * phentsize;
            if (U32(p) != 1) continue; // PT_LOAD
            uint offset = U32(p + 4), paddr = U32(p + 12), filesz = U32(p + 16), memsz = U32(p + 20);
            var data = new byte[memsz];
            Array.Copy(f, offset, data, 0, filesz);
            segs.Add((paddr, data));
        }
        return new ElfImage(U32(24), segs);
    }
}
