namespace Cloister.Arm.Vfp;

/// <summary>Field layout of an IEEE 754 binary format (single or double), so that one soft-float
/// implementation serves both precisions.</summary>
internal readonly struct FloatFormat
{
    public readonly int FracBits;
    public readonly int Bias;
    /// <summary>The all-ones biased exponent (infinities and NaNs).</summary>
    public readonly int ExpMax;
    public readonly int SignShift;
    public readonly ulong FracMask;
    public readonly ulong QuietBit;
    /// <summary>ARM's default NaN: positive, quiet, empty payload.</summary>
    public readonly ulong DefaultNan;
    /// <summary>Number of guard bits below the result's last bit when the significand's leading bit is at bit 62.</summary>
    public readonly int RoundShift;

    FloatFormat(int fracBits, int expBits)
    {
        FracBits = fracBits;
        Bias = (1 << (expBits - 1)) - 1;
        ExpMax = (1 << expBits) - 1;
        SignShift = fracBits + expBits;
        FracMask = (1UL << fracBits) - 1;
        QuietBit = 1UL << (fracBits - 1);
        DefaultNan = ((ulong)ExpMax << fracBits) | QuietBit;
        RoundShift = 62 - fracBits;
    }

    public static readonly FloatFormat Single = new(23, 8);
    public static readonly FloatFormat Double = new(52, 11);

    public ulong Pack(bool sign, int biasedExp, ulong frac) =>
        (sign ? 1UL << SignShift : 0) | ((ulong)biasedExp << FracBits) | (frac & FracMask);

    public ulong Zero(bool sign) => sign ? 1UL << SignShift : 0;
    public ulong Infinity(bool sign) => Pack(sign, ExpMax, 0);
}
