using System.Buffers.Binary;
using System.Text;

namespace Cloister.Flask.Binary;

/// <summary>
/// Reads little-endian fields from a policy image. Every read is checked against the
/// bytes that remain, so hostile lengths and counts fail here instead of allocating.
/// </summary>
internal sealed class PolicyCursor(byte[] data)
{
    /// <summary>Longest identifier accepted (type, class, bool names ...).</summary>
    public const int MaxNameLength = 4096;

    readonly byte[] data = data;
    public int Position { get; private set; }
    public int Remaining => data.Length - Position;
    public bool AtEnd => Position == data.Length;

    public PolicyFormatException Error(string message) => new(message, Position);

    void Need(int bytes, string what)
    {
        if (bytes < 0 || bytes > Remaining)
            throw Error($"truncated policy: {what} needs {bytes} bytes, {Remaining} left");
    }

    public uint U32(string what)
    {
        Need(4, what);
        uint v = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(Position));
        Position += 4;
        return v;
    }

    /// <summary>A 32-bit value used as an index or number: values above int.MaxValue are refused.</summary>
    public int Int(string what)
    {
        uint v = U32(what);
        if (v > int.MaxValue) { Position -= 4; throw Error($"{what} {v} is out of range"); }
        return (int)v;
    }

    public ushort U16(string what)
    {
        Need(2, what);
        ushort v = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(Position));
        Position += 2;
        return v;
    }

    public ulong U64(string what)
    {
        Need(8, what);
        ulong v = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(Position));
        Position += 8;
        return v;
    }

    /// <summary>A count of items, each at least <paramref name="minItemBytes"/> long: refused if they cannot fit.</summary>
    public int Count(string what, int minItemBytes)
    {
        uint n = U32(what + " count");
        if (minItemBytes > 0 && n > (uint)(Remaining / minItemBytes))
            throw Error($"{what} count {n} exceeds what the remaining {Remaining} bytes can hold");
        if (n > 1_000_000)
            throw Error($"{what} count {n} is too large");
        return (int)n;
    }

    /// <summary>A length checked for a name, without reading the name.</summary>
    public int NameLength(string what)
    {
        uint len = U32(what + " name length");
        if (len == 0 || len > MaxNameLength)
            throw Error($"{what} name length {len} is out of range 1..{MaxNameLength}");
        return (int)len;
    }

    public string Name(int length, string what)
    {
        Need(length, what + " name");
        var span = data.AsSpan(Position, length);
        foreach (byte b in span)
            if (b is < 0x21 or > 0x7e)
                throw Error($"{what} name contains byte 0x{b:x2}");
        Position += length;
        return Encoding.ASCII.GetString(span);
    }

    public ReadOnlySpan<byte> Bytes(int length, string what)
    {
        Need(length, what);
        var span = data.AsSpan(Position, length);
        Position += length;
        return span;
    }
}
