namespace Cloister.Differential.Tests.Generator.Vfp;

/// <summary>Bit patterns for the VFP registers and the FPSCR, biased towards the values where IEEE
/// arithmetic has special cases: zeros, infinities, quiet and signalling NaNs, denormals, the largest and
/// smallest normals, and integers (for the conversions).</summary>
public static class VfpValues
{
    static readonly uint[] SingleEdges =
    [
        0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00001,
        0x7F800001, 0x7FA00000, 0x00000001, 0x807FFFFF, 0x00800000, 0x7F7FFFFF, 0xFF7FFFFF, 0x4F000000,
        0xCF000000, 0x4F800000, 0x3F000000, 0x40490FDB,
    ];

    static readonly ulong[] DoubleEdges =
    [
        0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000, 0x7FF0000000000000,
        0xFFF0000000000000, 0x7FF8000000000000, 0xFFF8000000000001, 0x7FF0000000000001, 0x7FF4000000000000,
        0x0000000000000001, 0x800FFFFFFFFFFFFF, 0x0010000000000000, 0x7FEFFFFFFFFFFFFF, 0x41E0000000000000,
        0xC1E0000000000000, 0x41F0000000000000, 0x41DFFFFFFFC00000, 0x3FE0000000000000, 0x36A0000000000000,
    ];

    public static uint Single(Rng rng) => rng.Next(10) switch
    {
        < 3 => SingleEdges[rng.Next(SingleEdges.Length)],
        < 5 => BitConverter.SingleToUInt32Bits(rng.Between(-70000, 70000) / (float)(1 << rng.Next(12))),
        5 => rng.NextUInt32() & 0x807FFFFF, // a denormal
        _ => rng.NextUInt32(),
    };

    public static ulong Double(Rng rng) => rng.Next(10) switch
    {
        < 3 => DoubleEdges[rng.Next(DoubleEdges.Length)],
        < 5 => BitConverter.DoubleToUInt64Bits(rng.Between(-70000, 70000) / (double)(1 << rng.Next(20))),
        5 => rng.NextUInt64() & 0x800FFFFFFFFFFFFF,
        // A random mantissa with an exponent near 1.0, so products and quotients stay in range.
        6 => (rng.NextUInt64() & 0x800FFFFFFFFFFFFF) | (ulong)(0x3F0 + rng.Next(32)) << 52,
        _ => rng.NextUInt64(),
    };

    /// <summary>S0-S31 as 32 words: each D register holds either one double or two singles.</summary>
    public static uint[] Registers(Rng rng)
    {
        var s = new uint[32];
        for (int d = 0; d < 16; d++)
        {
            if (rng.Chance(0.5))
            {
                ulong v = Double(rng);
                (s[2 * d], s[2 * d + 1]) = ((uint)v, (uint)(v >> 32));
            }
            else (s[2 * d], s[2 * d + 1]) = (Single(rng), Single(rng));
        }
        return s;
    }

    /// <summary>An FPSCR with random NZCV, DN, FZ, rounding mode and cumulative exception flags. LEN and
    /// STRIDE stay 0 (short vectors are left to tests/Cloister.Vfp.Tests) and the trap enables stay 0:
    /// QEMU 7.2 does not trap floating-point exceptions.</summary>
    public static uint Fpscr(Rng rng)
    {
        uint nzcv = (uint)rng.Next(16) << 28;
        uint dn = rng.Chance(0.3) ? 1u << 25 : 0;
        uint fz = rng.Chance(0.3) ? 1u << 24 : 0;
        uint rmode = (uint)rng.Next(4) << 22;
        uint cumulative = rng.Chance(0.5) ? 0 : rng.NextUInt32() & 0x9F;
        return nzcv | dn | fz | rmode | cumulative;
    }
}
