using System.Buffers.Binary;
using System.Text;

namespace Cloister.Hypervisor.Boot;

/// <summary>What a boot module is for.</summary>
public enum ModuleKind : uint
{
    Dom0Kernel = 1,
    FlaskPolicy = 2,
    DomainConfig = 3,
    DomainKernel = 4,
    Ramdisk = 5,
}

public sealed record BootModule(ModuleKind Kind, string Name, byte[] Data);

/// <summary>
/// The boot module bundle that `cloister run` passes as the initrd (format in docs/hypervisor.md):
/// header "CLOISTER", u32 version 1, u32 count; 64-byte entries {kind, offset, size, flags,
/// name[48]}; module bytes 4 KiB-aligned. Writing and reading live together so they agree.
/// </summary>
public static class ModuleBundle
{
    public const uint Version = 1;
    const int HeaderSize = 16, EntrySize = 64, NameSize = 48, MaxModules = 64;
    static ReadOnlySpan<byte> Magic => "CLOISTER"u8;

    public static byte[] Build(IReadOnlyList<BootModule> modules)
    {
        if (modules.Count > MaxModules) throw new ArgumentException($"at most {MaxModules} modules");
        int offset = Align(HeaderSize + EntrySize * modules.Count);
        var offsets = new int[modules.Count];
        for (int i = 0; i < modules.Count; i++)
        {
            offsets[i] = offset;
            offset = Align(offset + modules[i].Data.Length);
        }
        var bundle = new byte[offset];
        Magic.CopyTo(bundle);
        BinaryPrimitives.WriteUInt32LittleEndian(bundle.AsSpan(8), Version);
        BinaryPrimitives.WriteUInt32LittleEndian(bundle.AsSpan(12), (uint)modules.Count);
        for (int i = 0; i < modules.Count; i++)
        {
            var e = bundle.AsSpan(HeaderSize + EntrySize * i, EntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(e, (uint)modules[i].Kind);
            BinaryPrimitives.WriteUInt32LittleEndian(e[4..], (uint)offsets[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(e[8..], (uint)modules[i].Data.Length);
            var name = Encoding.UTF8.GetBytes(modules[i].Name);
            name.AsSpan(0, Math.Min(name.Length, NameSize - 1)).CopyTo(e[16..]);
            modules[i].Data.CopyTo(bundle, offsets[i]);
        }
        return bundle;
    }

    public static List<BootModule> Parse(ReadOnlySpan<byte> bundle)
    {
        if (bundle.Length < HeaderSize || !bundle[..8].SequenceEqual(Magic))
            throw new BootException("the initrd is not a Cloister module bundle");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bundle[8..]);
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(bundle[12..]);
        if (version != Version) throw new BootException($"module bundle version {version} is not supported");
        if (count > MaxModules || HeaderSize + EntrySize * (long)count > bundle.Length)
            throw new BootException($"module bundle claims {count} modules, more than it holds");
        var modules = new List<BootModule>();
        for (int i = 0; i < count; i++)
        {
            var e = bundle.Slice(HeaderSize + EntrySize * i, EntrySize);
            uint kind = BinaryPrimitives.ReadUInt32LittleEndian(e);
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(e[4..]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(e[8..]);
            if ((ulong)offset + size > (ulong)bundle.Length)
                throw new BootException($"module {i} (offset 0x{offset:x}, size 0x{size:x}) lies outside the bundle");
            var nameBytes = e.Slice(16, NameSize);
            int nul = nameBytes.IndexOf((byte)0);
            string name = Encoding.UTF8.GetString(nul < 0 ? nameBytes : nameBytes[..nul]);
            modules.Add(new BootModule((ModuleKind)kind, name, bundle.Slice((int)offset, (int)size).ToArray()));
        }
        return modules;
    }

    static int Align(int v) => (v + 0xFFF) & ~0xFFF;
}
