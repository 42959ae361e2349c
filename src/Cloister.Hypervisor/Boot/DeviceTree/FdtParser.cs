using System.Buffers.Binary;
using System.Text;

namespace Cloister.Hypervisor.Boot.DeviceTree;

/// <summary>
/// Walks a flattened device tree's structure block (Devicetree Specification 0.4, section 5.4)
/// into <see cref="FdtNode"/>s: BEGIN_NODE name, PROP {len, nameoff, value}, END_NODE, NOP, END,
/// every item 4-byte aligned. Every offset is checked against its block, so a corrupt blob ends
/// in a <see cref="BootException"/>, never an out-of-range read.
/// </summary>
public static class FdtParser
{
    const uint BeginNode = 1, EndNode = 2, Prop = 3, Nop = 4, End = 9;
    const int MaxDepth = 64;

    public sealed record Tree(FdtHeader Header, FdtNode Root, List<MemoryBank> Reserved);

    public static Tree Parse(ReadOnlySpan<byte> blob)
    {
        var header = FdtHeader.Parse(blob);
        var block = blob.Slice((int)header.StructOffset, (int)header.StructSize);
        var strings = blob.Slice((int)header.StringsOffset, (int)header.StringsSize);
        FdtNode? root = null, current = null;
        int depth = 0, at = 0;
        while (true)
        {
            uint token = Word(block, ref at);
            switch (token)
            {
                case BeginNode:
                    string name = CString(block, at, "node name");
                    at = Align(at + Encoding.ASCII.GetByteCount(name) + 1);
                    if (current is null && root is not null) throw Corrupt("a second root node");
                    if (++depth > MaxDepth) throw Corrupt($"nodes nested deeper than {MaxDepth}");
                    var node = new FdtNode(name, current);
                    if (current is null) root = node; else current.Children.Add(node);
                    current = node;
                    break;
                case EndNode:
                    if (current is null) throw Corrupt("END_NODE outside any node");
                    current = current.Parent;
                    depth--;
                    break;
                case Prop:
                    if (current is null) throw Corrupt("a property outside any node");
                    uint length = Word(block, ref at), nameOffset = Word(block, ref at);
                    if (length > block.Length - at) throw Corrupt($"property of {length} bytes runs past the structure block");
                    if (nameOffset >= strings.Length) throw Corrupt($"property name offset 0x{nameOffset:x} is outside the strings block");
                    string propName = CString(strings, (int)nameOffset, "property name");
                    current.Properties.Add(new(propName, block.Slice(at, (int)length).ToArray()));
                    at = Align(at + (int)length);
                    break;
                case Nop:
                    break;
                case End:
                    if (root is null || current is not null) throw Corrupt("END before the root node closed");
                    return new Tree(header, root, ReserveMap(blob, header));
                default:
                    throw Corrupt($"unknown token 0x{token:x} at structure offset 0x{at - 4:x}");
            }
        }
    }

    /// <summary>The memory reservation map: {u64 address, u64 size} pairs ending with a zero pair.</summary>
    static List<MemoryBank> ReserveMap(ReadOnlySpan<byte> blob, FdtHeader header)
    {
        var list = new List<MemoryBank>();
        for (long at = header.ReserveMapOffset; ; at += 16)
        {
            if (at + 16 > header.TotalSize) throw Corrupt("the memory reservation map has no end entry");
            ulong address = BinaryPrimitives.ReadUInt64BigEndian(blob[(int)at..]);
            ulong size = BinaryPrimitives.ReadUInt64BigEndian(blob[(int)(at + 8)..]);
            if (address == 0 && size == 0) return list;
            if (address > uint.MaxValue || size > (1ul << 32) - address) throw Corrupt($"reserved region 0x{address:x}+0x{size:x} is above 4 GiB");
            list.Add(new MemoryBank((uint)address, (uint)size));
        }
    }

    static uint Word(ReadOnlySpan<byte> block, ref int at)
    {
        if (at + 4 > block.Length) throw Corrupt("the structure block ends without END");
        uint v = BinaryPrimitives.ReadUInt32BigEndian(block[at..]);
        at += 4;
        return v;
    }

    static string CString(ReadOnlySpan<byte> bytes, int at, string what)
    {
        if (at > bytes.Length) throw Corrupt($"{what} starts past its block");
        int nul = bytes[at..].IndexOf((byte)0);
        if (nul < 0) throw Corrupt($"{what} is not NUL-terminated");
        return Encoding.ASCII.GetString(bytes.Slice(at, nul));
    }

    static int Align(int at) => (at + 3) & ~3;

    static BootException Corrupt(string what) => new($"device tree: {what}");
}
