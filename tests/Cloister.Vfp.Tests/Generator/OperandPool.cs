namespace Cloister.Vfp.Tests.Generator;

/// <summary>
/// Seeded operand values that reach the interesting corners of IEEE arithmetic: signed zeros,
/// denormals, the smallest and largest normals, infinities, quiet and signalling NaNs with
/// payloads, rounding ties, values close to each other (cancellation) and values near the
/// 32-bit integer limits (conversions).
/// </summary>
public sealed class OperandPool(Random rng)
{
    public uint Single() => (uint)Pick(FloatShape.Single);
    public ulong Double() => Pick(FloatShape.Double);

    /// <summary>A value related to <paramref name="near"/>: a few ulps away, scaled by a power of
    /// two, or negated; so that adds cancel and results land on ties.</summary>
    public ulong Near(ulong near, FloatShape f)
    {
        ulong sign = near & f.SignBit;
        ulong mag = near & ~f.SignBit;
        switch (rng.Next(4))
        {
            case 0: mag += (ulong)rng.Next(-4, 5); break;
            case 1:
                long shift = rng.Next(-30, 31);
                long e = (long)(mag >> f.FracBits) + shift;
                if (e > 0 && e < f.ExpMax) mag = (mag & f.FracMask) | ((ulong)e << f.FracBits);
                break;
            case 2: sign ^= f.SignBit; break;
            default: mag ^= 1UL << rng.Next(f.FracBits); break;
        }
        return sign | (mag & ~f.SignBit);
    }

    public ulong Pick(FloatShape f)
    {
        ulong sign = rng.Next(2) == 0 ? 0 : f.SignBit;
        ulong frac = NextBits(f.FracBits);
        ulong expMaxField = (ulong)f.ExpMax << f.FracBits;
        switch (rng.Next(20))
        {
            case 0: return sign; // zero
            case 1: return sign | expMaxField; // infinity
            case 2: return sign | expMaxField | f.QuietBit | (frac & (f.QuietBit - 1)); // quiet NaN
            case 3: return sign | expMaxField | Math.Max(1UL, frac & (f.QuietBit - 1)); // signalling NaN
            case 4: return sign | Math.Max(1UL, frac); // denormal
            case 5: return sign | (rng.Next(3) switch { 0 => 1UL, 1 => f.FracMask, _ => 1UL << f.FracBits }); // extreme small
            case 6: return sign | (((ulong)f.ExpMax - 1) << f.FracBits) | (rng.Next(2) == 0 ? f.FracMask : frac); // huge
            case 7: // tiny normals: products and quotients underflow
                return sign | ((ulong)rng.Next(1, Math.Min(f.ExpMax, 40)) << f.FracBits) | frac;
            case 8: // small integers and halves (ties when converted or added)
                return FromInteger(rng.Next(-64, 65), rng.Next(0, 3), f);
            case 9: // around the 32-bit integer limits
                return FromInteger(rng.Next(2) == 0 ? int.MaxValue : int.MinValue, 0, f) + (ulong)rng.Next(-2, 3);
            case 10:
                return FromInteger(1, 0, f) + ((ulong)(31 + rng.Next(3)) << f.FracBits) + (ulong)rng.Next(-2, 3) | sign;
            case 11: case 12: // few significant bits: exact results and exact ties
                return sign | ((ulong)rng.Next(f.Bias - 20, f.Bias + 20) << f.FracBits) | (frac & ~((1UL << (f.FracBits - 3)) - 1));
            default: // ordinary numbers of moderate magnitude, or any exponent at all
                int exp = rng.Next(3) == 0 ? rng.Next(1, f.ExpMax) : rng.Next(f.Bias - 40, f.Bias + 40);
                return sign | ((ulong)exp << f.FracBits) | frac;
        }
    }

    public uint Integer() => rng.Next(10) switch
    {
        0 => 0,
        1 => 1,
        2 => 0xFFFFFFFF,
        3 => 0x80000000,
        4 => 0x7FFFFFFF,
        5 => (uint)rng.Next(-1000, 1000),
        6 => (uint)rng.Next() | 0x80000000, // large unsigned / negative signed
        _ => (uint)NextBits(32) >> rng.Next(0, 32),
    };

    ulong FromInteger(long n, int halves, FloatShape f)
    {
        // n + halves/2 as a float (exactly representable for these small values)
        double v = n + halves * 0.5;
        return f.FracBits == 23 ? BitConverter.SingleToUInt32Bits((float)v) : BitConverter.DoubleToUInt64Bits(v);
    }

    ulong NextBits(int n)
    {
        ulong v = ((ulong)(uint)rng.Next() << 33) ^ ((ulong)(uint)rng.Next() << 11) ^ (uint)rng.Next();
        return n >= 64 ? v : v & ((1UL << n) - 1);
    }
}

/// <summary>Bit layout of single or double precision for generating operands.</summary>
public sealed record FloatShape(int FracBits, int ExpBits)
{
    public static readonly FloatShape Single = new(23, 8);
    public static readonly FloatShape Double = new(52, 11);

    public int ExpMax => (1 << ExpBits) - 1;
    public int Bias => (1 << (ExpBits - 1)) - 1;
    public ulong SignBit => 1UL << (FracBits + ExpBits);
    public ulong FracMask => (1UL << FracBits) - 1;
    public ulong QuietBit => 1UL << (FracBits - 1);
}
