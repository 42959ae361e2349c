using System.Buffers.Binary;
using Cloister.Toolstack.Rings;

namespace Cloister.Toolstack.Consoles;

/// <summary>
/// The output half of a domain's console ring (io/console.h, struct xencons_interface): in[1024]
/// @0, out[2048] @1024, then u32 in_cons @3072, in_prod, out_cons, out_prod @3084; free-running
/// indexes, byte i of out at i mod 2048. The guest produces, dom0's backend consumes.
/// </summary>
public sealed class ConsoleRing(IRingPage page)
{
    const int OutOffset = 1024, OutSize = 2048, OutCons = 3080, OutProd = 3084;

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
}
