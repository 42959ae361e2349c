using System.Numerics;
using Cloister.Flask.Binary;

namespace Cloister.Flask.Model;

/// <summary>
/// An extensible bitmap as the policy stores it: sparse 64-bit nodes, in increasing
/// order. Immutable; equality is by the bits set.
/// </summary>
public sealed class Ebitmap : IEquatable<Ebitmap>
{
    /// <summary>Bits above this are refused: no policy symbol table is that large.</summary>
    public const int MaxBit = 1 << 20;

    public static readonly Ebitmap Empty = new([], []);

    readonly int[] starts;
    readonly ulong[] maps;

    Ebitmap(int[] starts, ulong[] maps) { this.starts = starts; this.maps = maps; }

    public static Ebitmap FromBits(IEnumerable<int> bits)
    {
        var nodes = new SortedDictionary<int, ulong>();
        foreach (int b in bits)
        {
            if (b < 0 || b >= MaxBit) throw new ArgumentOutOfRangeException(nameof(bits));
            int start = b & ~63;
            nodes.TryGetValue(start, out ulong m);
            nodes[start] = m | (1UL << (b & 63));
        }
        return nodes.Count == 0 ? Empty : new([.. nodes.Keys], [.. nodes.Values]);
    }

    public bool Get(int bit)
    {
        if (bit < 0) return false;
        int start = bit & ~63;
        for (int i = 0; i < starts.Length; i++)
        {
            if (starts[i] == start) return (maps[i] >> (bit & 63) & 1) != 0;
            if (starts[i] > start) break;
        }
        return false;
    }

    public bool IsEmpty => starts.Length == 0;

    /// <summary>One past the highest set bit (0 when empty).</summary>
    public int Length => starts.Length == 0 ? 0 : starts[^1] + 64 - BitOperations.LeadingZeroCount(maps[^1]);

    public IEnumerable<int> Bits
    {
        get
        {
            for (int i = 0; i < starts.Length; i++)
                for (ulong m = maps[i]; m != 0; m &= m - 1)
                    yield return starts[i] + BitOperations.TrailingZeroCount(m);
        }
    }

    public int[] ToArray() => [.. Bits];

    /// <summary>True when every bit of this is also set in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(Ebitmap other)
    {
        foreach (int b in Bits) if (!other.Get(b)) return false;
        return true;
    }

    public bool Equals(Ebitmap? other) =>
        other is not null && starts.AsSpan().SequenceEqual(other.starts) && maps.AsSpan().SequenceEqual(other.maps);
    public override bool Equals(object? obj) => Equals(obj as Ebitmap);
    public override int GetHashCode()
    {
        var h = new HashCode();
        for (int i = 0; i < starts.Length; i++) { h.Add(starts[i]); h.Add(maps[i]); }
        return h.ToHashCode();
    }

    /// <summary>Reads the on-disk form: map size 64, high bit, node count, then (start, 64-bit map) pairs.</summary>
    internal static Ebitmap Read(PolicyCursor c, string what)
    {
        uint mapSize = c.U32(what + " bitmap map size");
        uint highBit = c.U32(what + " bitmap high bit");
        int count = c.Count(what + " bitmap node", 12);
        if (mapSize != 64) throw c.Error($"{what} bitmap map size {mapSize}, expected 64");
        if (highBit % 64 != 0) throw c.Error($"{what} bitmap high bit {highBit} is not a multiple of 64");
        if (highBit > MaxBit) throw c.Error($"{what} bitmap high bit {highBit} is too large");
        if (count == 0)
        {
            if (highBit != 0) throw c.Error($"{what} bitmap has high bit {highBit} but no nodes");
            return Empty;
        }
        var starts = new int[count];
        var maps = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            uint start = c.U32(what + " bitmap node start");
            if (start % 64 != 0) throw c.Error($"{what} bitmap node start {start} is not a multiple of 64");
            if ((ulong)start + 64 > highBit) throw c.Error($"{what} bitmap node start {start} beyond high bit {highBit}");
            if (i > 0 && start <= (uint)starts[i - 1]) throw c.Error($"{what} bitmap nodes out of order");
            ulong map = c.U64(what + " bitmap node map");
            if (map == 0) throw c.Error($"{what} bitmap has an empty node");
            starts[i] = (int)start;
            maps[i] = map;
        }
        return new Ebitmap(starts, maps);
    }
}
