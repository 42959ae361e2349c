using System.Buffers.Binary;
using System.Text;

namespace Cloister.Platform.Loaders;

/// <summary>
/// A flattened device tree edited in place, the way libfdt does it (so the bytes match what
/// QEMU hands the guest): the blob lives in a buffer with free space at the end; new properties
/// are inserted before a node's existing ones, new nodes after the parent's properties,
/// removed nodes become FDT_NOP tokens, new strings are appended to the strings block.
/// </summary>
public sealed class Fdt
{
    public const uint Magic = 0xD00DFEED;
    const uint TagBeginNode = 1, TagEndNode = 2, TagProp = 3, TagNop = 4, TagEnd = 9;
    const int HeaderSizeV17 = 40;

    readonly byte[] buf;

    Fdt(byte[] buffer) => buf = buffer;

    /// <summary>The whole buffer (header totalsize = its length).</summary>
    public byte[] Buffer => buf;

    uint H(int offset) => BinaryPrimitives.ReadUInt32BigEndian(buf.AsSpan(offset));
    void SetH(int offset, uint v) => BinaryPrimitives.WriteUInt32BigEndian(buf.AsSpan(offset), v);

    public uint TotalSize => H(4);
    int OffStruct { get => (int)H(8); set => SetH(8, (uint)value); }
    int OffStrings { get => (int)H(12); set => SetH(12, (uint)value); }
    int OffMemRsv => (int)H(16);
    public uint Version => H(20);
    int SizeStrings { get => (int)H(32); set => SetH(32, (uint)value); }
    int SizeStruct { get => (int)H(36); set => SetH(36, (uint)value); }

    uint Word(int offset) => BinaryPrimitives.ReadUInt32BigEndian(buf.AsSpan(offset));
    void SetWord(int offset, uint v) => BinaryPrimitives.WriteUInt32BigEndian(buf.AsSpan(offset), v);

    static int Align4(int n) => (n + 3) & ~3;

    /// <summary>
    /// QEMU's load_device_tree: the file in a zeroed buffer of (size + 10000) × 2 bytes, then
    /// fdt_open_into over the whole buffer. Throws <see cref="BootException"/> for an invalid blob.
    /// </summary>
    public static Fdt LoadForEditing(byte[] file, string name)
    {
        if (file.Length > int.MaxValue / 2 - 10000) throw new BootException($"Device tree file '{name}' is too large");
        int size = (file.Length + 10000) * 2;
        return OpenInto(file, size, name);
    }

    /// <summary>libfdt's fdt_open_into: copies the blob into a buffer of <paramref name="bufferSize"/> bytes,
    /// repacking the blocks when they are out of order or the version is older than 17.</summary>
    public static Fdt OpenInto(byte[] blob, int bufferSize, string name)
    {
        Check(blob, name);
        uint totalsize = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(4));
        uint offStruct = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(8));
        uint offStrings = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(12));
        uint offRsv = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(16));
        uint version = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(20));
        uint sizeStrings = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(32));
        int rsvSize = MemRsvSize(blob, (int)offRsv, name);
        int structSize = version >= 17
            ? (int)BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(36))
            : ScanStructSize(blob, (int)offStruct, name);
        if (totalsize > bufferSize) throw new BootException($"Couldn't open dtb file {name}");

        bool misordered = (offRsv < ((HeaderSizeV17 + 7) & ~7))
            || (offStruct < offRsv + rsvSize)
            || (offStrings < offStruct + structSize)
            || (totalsize < offStrings + sizeStrings);
        var buffer = new byte[bufferSize];
        if (!misordered)
        {
            Array.Copy(blob, buffer, totalsize);
            var f = new Fdt(buffer);
            f.SetH(20, 17);
            f.SizeStruct = structSize;
            f.SetH(4, (uint)bufferSize);
            return f;
        }
        // Repack: header, reservation map, structure, strings.
        int newRsv = (HeaderSizeV17 + 7) & ~7;
        int newStruct = newRsv + rsvSize;
        int newStrings = newStruct + structSize;
        if (newStrings + (int)sizeStrings > bufferSize) throw new BootException($"Couldn't open dtb file {name}");
        Array.Copy(blob, offRsv, buffer, newRsv, rsvSize);
        Array.Copy(blob, offStruct, buffer, newStruct, structSize);
        Array.Copy(blob, offStrings, buffer, newStrings, sizeStrings);
        var g = new Fdt(buffer);
        g.SetH(0, Magic);
        g.SetH(4, (uint)bufferSize);
        g.SetH(8, (uint)newStruct);
        g.SetH(12, (uint)newStrings);
        g.SetH(16, (uint)newRsv);
        g.SetH(20, 17);
        g.SetH(24, 16);
        g.SetH(28, BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(28)));
        g.SetH(32, sizeStrings);
        g.SetH(36, (uint)structSize);
        return g;
    }

    static void Check(byte[] blob, string name)
    {
        if (blob.Length < 40 || BinaryPrimitives.ReadUInt32BigEndian(blob) != Magic)
            throw new BootException($"Couldn't open dtb file {name}");
        uint totalsize = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(4));
        uint version = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(20));
        uint offStruct = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(8));
        uint offStrings = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(12));
        uint offRsv = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(16));
        uint sizeStrings = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(32));
        if (version < 16 || totalsize > blob.Length || offStruct >= totalsize || offStrings > totalsize
            || offRsv >= totalsize || (ulong)offStrings + sizeStrings > totalsize)
            throw new BootException($"Couldn't open dtb file {name}");
    }

    static int MemRsvSize(byte[] blob, int off, string name)
    {
        int p = off;
        while (true)
        {
            if (p + 16 > blob.Length) throw new BootException($"Couldn't open dtb file {name}");
            ulong a = BinaryPrimitives.ReadUInt64BigEndian(blob.AsSpan(p));
            ulong s = BinaryPrimitives.ReadUInt64BigEndian(blob.AsSpan(p + 8));
            p += 16;
            if (a == 0 && s == 0) return p - off;
        }
    }

    static int ScanStructSize(byte[] blob, int off, string name)
    {
        var f = new Fdt(blob);
        int p = off;
        while (true)
        {
            uint tag = f.TagAt(p, off, out int next);
            if (next < 0) throw new BootException($"Couldn't open dtb file {name}");
            p = next;
            if (tag == TagEnd) return p - off;
        }
    }

    /// <summary>Reads the tag at structure offset <paramref name="p"/> (absolute) and the offset after it.</summary>
    uint TagAt(int p, int structBase, out int next)
    {
        next = -1;
        if (p + 4 > buf.Length) return TagEnd;
        uint tag = Word(p);
        int q = p + 4;
        switch (tag)
        {
            case TagBeginNode:
                int end = Array.IndexOf(buf, (byte)0, q);
                if (end < 0) return tag;
                q = end + 1;
                break;
            case TagProp:
                if (q + 8 > buf.Length) return tag;
                q += 8 + (int)Word(q);
                break;
            case TagEndNode: case TagNop: case TagEnd:
                break;
            default:
                return tag;
        }
        next = Align4(q - structBase) + structBase;
        return tag;
    }

    uint NextTag(int p, out int next) => TagAt(p, OffStruct, out next);

    // ---- navigation -------------------------------------------------------------------------

    string NodeName(int node)
    {
        int start = node + 4;
        int end = Array.IndexOf(buf, (byte)0, start);
        return Encoding.UTF8.GetString(buf, start, end - start);
    }

    /// <summary>The offset of the root node.</summary>
    int Root
    {
        get
        {
            int p = OffStruct;
            while (true)
            {
                uint tag = NextTag(p, out int next);
                if (tag == TagBeginNode) return p;
                if (tag != TagNop || next < 0) throw new BootException("dtb has no root node");
                p = next;
            }
        }
    }

    /// <summary>Child nodes of <paramref name="node"/> (offsets), skipping NOPs and properties.</summary>
    IEnumerable<int> Children(int node)
    {
        NextTag(node, out int p);
        int depth = 0;
        while (p >= 0)
        {
            uint tag = NextTag(p, out int next);
            if (tag == TagBeginNode)
            {
                if (depth == 0) yield return p;
                depth++;
            }
            else if (tag == TagEndNode)
            {
                if (depth == 0) yield break;
                depth--;
            }
            else if (tag == TagEnd) yield break;
            p = next;
        }
    }

    /// <summary>libfdt's node name match: exact, or "name@unit" when the query has no unit.</summary>
    static bool NameMatches(string nodeName, string query) =>
        nodeName == query || (!query.Contains('@') && nodeName.StartsWith(query + "@", StringComparison.Ordinal));

    public int PathOffset(string path)
    {
        if (!path.StartsWith('/')) return -1;
        int node = Root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            int found = -1;
            foreach (var c in Children(node))
                if (NameMatches(NodeName(c), part)) { found = c; break; }
            if (found < 0) return -1;
            node = found;
        }
        return node;
    }

    /// <summary>Every node (depth first) with its path.</summary>
    public IEnumerable<(int Offset, string Path, string Name)> AllNodes()
    {
        var stack = new List<string>();
        int p = OffStruct;
        while (p >= 0)
        {
            uint tag = NextTag(p, out int next);
            if (tag == TagBeginNode)
            {
                string name = NodeName(p);
                stack.Add(name);
                string path = stack.Count == 1 ? "/" : "/" + string.Join("/", stack.Skip(1));
                yield return (p, path, name);
            }
            else if (tag == TagEndNode)
            {
                if (stack.Count > 0) stack.RemoveAt(stack.Count - 1);
            }
            else if (tag == TagEnd) yield break;
            p = next;
        }
    }

    /// <summary>(offset of the property tag, value offset, length) or null.</summary>
    (int Prop, int Data, int Len)? FindProperty(int node, string name)
    {
        NextTag(node, out int p);
        while (p >= 0)
        {
            uint tag = NextTag(p, out int next);
            if (tag == TagProp)
            {
                int len = (int)Word(p + 4);
                int nameoff = (int)Word(p + 8);
                if (StringAt(nameoff) == name) return (p, p + 12, len);
            }
            else if (tag != TagNop) return null;
            p = next;
        }
        return null;
    }

    string StringAt(int nameoff)
    {
        int start = OffStrings + nameoff;
        int end = Array.IndexOf(buf, (byte)0, start);
        return Encoding.UTF8.GetString(buf, start, end - start);
    }

    public byte[]? GetProperty(string path, string name)
    {
        int node = PathOffset(path);
        if (node < 0) return null;
        var prop = FindProperty(node, name);
        return prop is { } p ? buf.AsSpan(p.Data, p.Len).ToArray() : null;
    }

    public uint? GetCell(string path, string name)
    {
        var v = GetProperty(path, name);
        return v is { Length: 4 } ? BinaryPrimitives.ReadUInt32BigEndian(v) : null;
    }

    // ---- editing ---------------------------------------------------------------------------

    int DataEnd => OffStrings + SizeStrings;

    void Splice(int p, int oldLen, int newLen)
    {
        int end = DataEnd;
        if (end - oldLen + newLen > buf.Length) throw new BootException("dtb: no space left in the device tree buffer");
        Array.Copy(buf, p + oldLen, buf, p + newLen, end - p - oldLen);
    }

    void SpliceStruct(int p, int oldLen, int newLen)
    {
        Splice(p, oldLen, newLen);
        int delta = newLen - oldLen;
        SizeStruct += delta;
        OffStrings += delta;
    }

    int FindAddString(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s + "\0");
        var table = buf.AsSpan(OffStrings, SizeStrings);
        int at = table.IndexOf(bytes);
        if (at >= 0) return at;
        int newOff = SizeStrings;
        if (DataEnd + bytes.Length > buf.Length) throw new BootException("dtb: no space left in the device tree buffer");
        bytes.CopyTo(buf, OffStrings + newOff);
        SizeStrings += bytes.Length;
        return newOff;
    }

    public void SetProperty(string path, string name, ReadOnlySpan<byte> value)
    {
        int node = PathOffset(path);
        if (node < 0) throw new BootException($"dtb: no node {path}");
        var existing = FindProperty(node, name);
        int data;
        if (existing is { } e)
        {
            SpliceStruct(e.Data, Align4(e.Len), Align4(value.Length));
            SetWord(e.Prop + 4, (uint)value.Length);
            data = e.Data;
        }
        else
        {
            NextTag(node, out int insertAt);
            int nameoff = FindAddString(name);
            int propLen = 12 + Align4(value.Length);
            SpliceStruct(insertAt, 0, propLen);
            SetWord(insertAt, TagProp);
            SetWord(insertAt + 4, (uint)value.Length);
            SetWord(insertAt + 8, (uint)nameoff);
            data = insertAt + 12;
        }
        value.CopyTo(buf.AsSpan(data));
    }

    public void SetString(string path, string name, string value) =>
        SetProperty(path, name, Encoding.UTF8.GetBytes(value + "\0"));

    /// <summary>QEMU's qemu_fdt_setprop_sized_cells: each value in 1 or 2 big-endian cells.</summary>
    public void SetSizedCells(string path, string name, params (uint Cells, ulong Value)[] values)
    {
        var bytes = new List<byte>();
        foreach (var (cells, value) in values)
        {
            if (cells == 1)
            {
                if (value > uint.MaxValue) throw new BootException($"dtb: value 0x{value:x} does not fit in {name}");
                var b = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(b, (uint)value);
                bytes.AddRange(b);
            }
            else if (cells == 2)
            {
                var b = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(b, value);
                bytes.AddRange(b);
            }
            else throw new BootException($"dtb: unsupported cell count {cells} for {name}");
        }
        SetProperty(path, name, bytes.ToArray());
    }

    /// <summary>Adds an empty child node after the parent's properties (fdt_add_subnode).</summary>
    public void AddSubnode(string path)
    {
        int slash = path.LastIndexOf('/');
        string parentPath = slash == 0 ? "/" : path[..slash];
        string name = path[(slash + 1)..];
        int parent = PathOffset(parentPath);
        if (parent < 0) throw new BootException($"dtb: no node {parentPath}");
        foreach (var c in Children(parent))
            if (NameMatches(NodeName(c), name)) throw new BootException($"dtb: Failed to create subnode {path}: FDT_ERR_EXISTS");
        NextTag(parent, out int p);
        int offset;
        while (true)
        {
            offset = p;
            uint tag = NextTag(offset, out p);
            if (tag is not (TagProp or TagNop)) break;
        }
        var nameBytes = Encoding.UTF8.GetBytes(name);
        int nodeLen = 4 + Align4(nameBytes.Length + 1) + 4;
        SpliceStruct(offset, 0, nodeLen);
        SetWord(offset, TagBeginNode);
        Array.Clear(buf, offset + 4, Align4(nameBytes.Length + 1));
        nameBytes.CopyTo(buf, offset + 4);
        SetWord(offset + nodeLen - 4, TagEndNode);
    }

    /// <summary>Overwrites a node and everything in it with FDT_NOP (fdt_nop_node).</summary>
    public void NopNode(int node)
    {
        int p = node;
        int depth = 0;
        int end;
        while (true)
        {
            uint tag = NextTag(p, out int next);
            if (next < 0) throw new BootException("dtb: truncated structure block");
            if (tag == TagBeginNode) depth++;
            else if (tag == TagEndNode && --depth == 0) { end = next; break; }
            p = next;
        }
        for (int q = node; q < end; q += 4) SetWord(q, TagNop);
    }
}
