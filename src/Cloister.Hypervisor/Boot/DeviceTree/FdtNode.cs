using System.Buffers.Binary;
using System.Text;

namespace Cloister.Hypervisor.Boot.DeviceTree;

/// <summary>One node of a parsed device tree: its name (unit address included), its properties
/// in blob order and its children. Values are raw bytes; the readers below interpret them.</summary>
public sealed class FdtNode(string name, FdtNode? parent)
{
    public string Name { get; } = name;
    public FdtNode? Parent { get; } = parent;
    public List<KeyValuePair<string, byte[]>> Properties { get; } = [];
    public List<FdtNode> Children { get; } = [];

    /// <summary>The name before '@' (the node name proper, without the unit address).</summary>
    public string BaseName => Name.Split('@')[0];

    public string Path => Parent is null ? "/" : Parent.Parent is null ? "/" + Name : Parent.Path + "/" + Name;

    public byte[]? Property(string property)
    {
        foreach (var p in Properties)
            if (p.Key == property) return p.Value;
        return null;
    }

    public bool Has(string property) => Property(property) is not null;

    /// <summary>A child by full name, or by base name when it has a unit address.</summary>
    public FdtNode? Child(string childName) =>
        Children.Find(c => c.Name == childName) ?? Children.Find(c => c.BaseName == childName);

    /// <summary>A string property: NUL-terminated ASCII; null when absent or not terminated.</summary>
    public string? String(string property) => Strings(property) is [var first, ..] ? first : null;

    /// <summary>A string-list property (e.g. compatible): each entry NUL-terminated.</summary>
    public List<string>? Strings(string property)
    {
        var value = Property(property);
        if (value is null || value.Length == 0 || value[^1] != 0) return null;
        return Encoding.ASCII.GetString(value, 0, value.Length - 1).Split('\0').ToList();
    }

    public bool IsCompatible(string compatible) => Strings("compatible")?.Contains(compatible) == true;

    /// <summary>A one-cell (u32) property; null when absent or not 4 bytes long.</summary>
    public uint? Cell(string property) =>
        Property(property) is { Length: 4 } v ? BinaryPrimitives.ReadUInt32BigEndian(v) : null;

    /// <summary>A number of one or two cells (Xen reads "memory" as a 64-bit value).</summary>
    public ulong? Number(string property) => Property(property) switch
    {
        { Length: 4 } v => BinaryPrimitives.ReadUInt32BigEndian(v),
        { Length: 8 } v => BinaryPrimitives.ReadUInt64BigEndian(v),
        _ => null,
    };
}
