using System.Buffers.Binary;
using Cloister.Toolstack.Rings;

namespace Cloister.Toolstack.Consoles;

/// <summary>
/// A domain's console ring (io/console.h, struct xencons_interface): in[1024] @0, out[2048]
/// @1024, then u32 in_cons @3072, in_prod, out_cons, out_prod @3084; free-running indexes, byte i
/// of out at i mod 2048, of in at i mod 1024. Output: the guest produces, dom0's backend consumes;
/// input (what `xl console` types): the backend produces, the guest consumes.
/// </summary>
public sealed class ConsoleRing(IRingPage page)
{
    const int InSize = 1024, InCons = 3072, InProd = 3076, OutOffset = 1024, OutSize = 2048, OutCons = 3080, OutProd = 3084;

    /// <summary>False once the guest's indexes made no sense; the ring is then ignored.</summary>
    public bool Healthy { get; private set; } = true;

    /// <summary>The bytes the guest wrote since the last call (empty when none).</summary>
    public byte[] TakeOutput()
    {
        Span<byte> idx = stackalloc byte[8];
        if (!Healthy || !page.Read(OutCons, idx)) return [];
        uint cons = BinaryPrimitives.ReadUInt32LittleEndian(idx), prod = BinaryPrimitives.ReadUInt32LittleEndian(idx[4..]);
        if (prod - cons > OutSize) { Healthy = false; return []; }
        var bytes = new byte[prod - cons];
        for (int i = 0; i < bytes.Length; i++)
            if (!page.Read(OutOffset + (int)((cons + (uint)i) % OutSize), bytes.AsSpan(i, 1))) { Healthy = false; return []; }
        BinaryPrimitives.WriteUInt32LittleEndian(idx, prod);
        if (!page.Write(OutCons, idx[..4])) Healthy = false;
        return bytes;
    }

    /// <summary>Puts as many of <paramref name="bytes"/> in the input ring as it has room for; the
    /// number put (0 when full or the ring is broken).</summary>
    public int PutInput(ReadOnlySpan<byte> bytes)
    {
        Span<byte> idx = stackalloc byte[8];
        if (!Healthy || !page.Read(InCons, idx)) return 0;
        uint cons = BinaryPrimitives.ReadUInt32LittleEndian(idx), prod = BinaryPrimitives.ReadUInt32LittleEndian(idx[4..]);
        if (prod - cons > InSize) { Healthy = false; return 0; }
        int n = Math.Min(bytes.Length, InSize - (int)(prod - cons));
        for (int i = 0; i < n; i++)
            if (!page.Write((int)((prod + (uint)i) % InSize), bytes.Slice(i, 1))) { Healthy = false; return 0; }
        // The bytes first, then the index that publishes them.
        BinaryPrimitives.WriteUInt32LittleEndian(idx, prod + (uint)n);
        if (!page.Write(InProd, idx[..4])) { Healthy = false; return 0; }
        return n;
    }
}
