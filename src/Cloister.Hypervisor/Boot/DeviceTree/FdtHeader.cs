using System.Buffers.Binary;

namespace Cloister.Hypervisor.Boot.DeviceTree;

/// <summary>
/// The flattened device tree header (Devicetree Specification 0.4, section 5.2): ten big-endian
/// words. Only versions a version-17 reader may read are accepted (last_comp_version ≤ 17), and
/// every block must lie inside totalsize, so a corrupt header is refused before anything is walked.
/// </summary>
public readonly record struct FdtHeader(uint TotalSize, uint StructOffset, uint StringsOffset, uint ReserveMapOffset,
    uint Version, uint LastCompatibleVersion, uint BootCpu, uint StringsSize, uint StructSize)
{
    public const uint Magic = 0xD00DFEED;
    public const int Size = 40;
    /// <summary>Version 16 lacks size_dt_struct; older layouts differ and are refused.</summary>
    const uint OldestVersion = 16, NewestReadable = 17;

    public static bool HasMagic(ReadOnlySpan<byte> blob) =>
        blob.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(blob) == Magic;

    public static FdtHeader Parse(ReadOnlySpan<byte> blob)
    {
        if (!HasMagic(blob)) throw new BootException("device tree: bad magic (expected 0xd00dfeed)");
        if (blob.Length < Size) throw new BootException("device tree: header is truncated");
        Span<uint> w = stackalloc uint[10];
        for (int i = 0; i < w.Length; i++) w[i] = BinaryPrimitives.ReadUInt32BigEndian(blob[(i * 4)..]);
        var h = new FdtHeader(w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9]);
        if (h.Version < OldestVersion || h.LastCompatibleVersion > NewestReadable)
            throw new BootException($"device tree: version {h.Version} (compatible with {h.LastCompatibleVersion}) is not supported");
        if (h.TotalSize < Size || h.TotalSize > blob.Length)
            throw new BootException($"device tree: totalsize {h.TotalSize} does not fit the blob");
        if (h.Version < 17) h = h with { StructSize = h.TotalSize - Math.Min(h.StructOffset, h.TotalSize) };
        Inside(h, h.StructOffset, h.StructSize, "structure block");
        Inside(h, h.StringsOffset, h.StringsSize, "strings block");
        Inside(h, h.ReserveMapOffset, 16, "memory reservation map");
        return h;
    }

    static void Inside(FdtHeader h, uint offset, uint size, string what)
    {
        if (offset < Size || (ulong)offset + size > h.TotalSize)
            throw new BootException($"device tree: the {what} (offset 0x{offset:x}, size 0x{size:x}) lies outside the blob");
    }
}
