using System.Buffers.Binary;
using System.Text;

namespace Cloister.Toolstack.DeviceTree;

/// <summary>
/// Writes a flattened device tree (Devicetree Specification 0.4, chapter 5), version 17, laid out
/// as dtc lays it out: header, an empty memory reservation map, the structure block, the strings
/// block. Nodes are opened and closed in order; property names are stored once each.
/// </summary>
public sealed class FdtWriter
{
    const uint Magic = 0xD00DFEED, Version = 17, LastCompatibleVersion = 16;
    const uint BeginNodeToken = 1, EndNodeToken = 2, PropToken = 3, EndToken = 9;
    const int HeaderSize = 40, ReserveMapSize = 16;

    readonly List<byte> structure = [];
    readonly List<byte> strings = [];
    readonly Dictionary<string, int> stringOffsets = [];
    int depth;
    bool rootClosed;

    public FdtWriter BeginNode(string name)
    {
        if (rootClosed) throw new InvalidOperationException("the root node is already closed");
        if (depth == 0 && name.Length != 0) throw new ArgumentException("the root node has an empty name");
        if (depth > 0 && (name.Length == 0 || name.Contains('/') || name.Contains('\0')))
            throw new ArgumentException($"'{name}' is not a node name");
        Word(BeginNodeToken);
        Bytes(Encoding.ASCII.GetBytes(name + "\0"));
        depth++;
        return this;
    }

    public FdtWriter EndNode()
    {
        if (depth == 0) throw new InvalidOperationException("no node is open");
        Word(EndNodeToken);
        if (--depth == 0) rootClosed = true;
        return this;
    }

    public FdtWriter Property(string name, ReadOnlySpan<byte> value)
    {
        if (depth == 0) throw new InvalidOperationException("a property needs an open node");
        Word(PropToken);
        Word((uint)value.Length);
        Word((uint)NameOffset(name));
        Bytes(value);
        return this;
    }

    public FdtWriter Empty(string name) => Property(name, []);

    /// <summary>A string list (one entry is a string): each entry NUL-terminated.</summary>
    public FdtWriter Strings(string name, params string[] values) =>
        Property(name, Encoding.ASCII.GetBytes(string.Concat(values.Select(v => v + "\0"))));

    /// <summary>Big-endian 32-bit cells.</summary>
    public FdtWriter Cells(string name, params uint[] cells)
    {
        var value = new byte[cells.Length * 4];
        for (int i = 0; i < cells.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(i * 4), cells[i]);
        return Property(name, value);
    }

    /// <summary>The blob. Every node must be closed.</summary>
    public byte[] Finish()
    {
        if (!rootClosed || depth != 0) throw new InvalidOperationException("the tree has unclosed nodes");
        var block = new List<byte>(structure);
        block.AddRange(BigEndian(EndToken));
        int structOffset = HeaderSize + ReserveMapSize;
        int stringsOffset = structOffset + block.Count;
        int total = stringsOffset + strings.Count;
        var blob = new byte[total];
        uint[] header = [Magic, (uint)total, (uint)structOffset, (uint)stringsOffset, HeaderSize, Version, LastCompatibleVersion,
            0, (uint)strings.Count, (uint)block.Count];
        for (int i = 0; i < header.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(i * 4), header[i]);
        block.CopyTo(blob, structOffset);
        strings.CopyTo(blob, stringsOffset);
        return blob;
    }

    int NameOffset(string name)
    {
        if (!stringOffsets.TryGetValue(name, out int offset))
        {
            offset = strings.Count;
            strings.AddRange(Encoding.ASCII.GetBytes(name + "\0"));
            stringOffsets[name] = offset;
        }
        return offset;
    }

    void Word(uint value) => structure.AddRange(BigEndian(value));

    /// <summary>Bytes, padded with zeros to the next 4-byte boundary as the format requires.</summary>
    void Bytes(ReadOnlySpan<byte> value)
    {
        structure.AddRange(value);
        while (structure.Count % 4 != 0) structure.Add(0);
    }

    static byte[] BigEndian(uint value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        return b;
    }
}
