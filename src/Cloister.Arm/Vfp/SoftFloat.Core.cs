using System.Numerics;

namespace Cloister.Arm.Vfp;

internal enum FloatClass : byte { Zero, Normal, Infinity, QuietNaN, SignalingNaN }

/// <summary>
/// An unpacked operand. For normal numbers (denormals are normalised too) the value is
/// Sig × 2^(Exp − 62) with Sig's leading one at bit 62, which leaves bit 63 free for carries
/// and at least ten guard bits below a double's last bit. For NaNs, Sig holds the raw fraction.
/// </summary>
internal struct Unpacked
{
    public FloatClass Class;
    public bool Sign;
    public int Exp;
    public ulong Sig;

    public readonly bool IsNaN => Class >= FloatClass.QuietNaN;
}

/// <summary>
/// IEEE 754 arithmetic in software, behaving as QEMU's softfloat does when configured for ARM:
/// tininess detected before rounding, ARM NaN propagation and default NaN, flush-to-zero of
/// inputs (IDC) and of tiny results (UFC, no IXC). Values are raw bit patterns (single in the
/// low 32 bits); <see cref="FloatFormat"/> selects the precision.
/// </summary>
internal static partial class SoftFloat
{
    const ulong Lead = 1UL << 62;

    /// <summary>Splits an operand into class, sign, exponent and significand; with FZ a denormal
    /// becomes a zero of the same sign and raises IDC.</summary>
    public static Unpacked Unpack(ulong bits, in FloatFormat f, ref FpStatus st)
    {
        var u = new Unpacked { Sign = ((bits >> f.SignShift) & 1) != 0 };
        int e = (int)((bits >> f.FracBits) & (ulong)f.ExpMax);
        ulong frac = bits & f.FracMask;
        if (e == f.ExpMax)
        {
            u.Class = frac == 0 ? FloatClass.Infinity : (frac & f.QuietBit) != 0 ? FloatClass.QuietNaN : FloatClass.SignalingNaN;
            u.Sig = frac;
        }
        else if (e == 0)
        {
            if (frac == 0)
            {
                u.Class = FloatClass.Zero;
            }
            else if (st.FlushToZero)
            {
                u.Class = FloatClass.Zero;
                st.Flags |= FpFlags.InputDenormal;
            }
            else
            {
                u.Class = FloatClass.Normal;
                ulong sig = frac << f.RoundShift;
                int shift = BitOperations.LeadingZeroCount(sig) - 1;
                u.Sig = sig << shift;
                u.Exp = 1 - f.Bias - shift;
            }
        }
        else
        {
            u.Class = FloatClass.Normal;
            u.Sig = (frac | (1UL << f.FracBits)) << f.RoundShift;
            u.Exp = e - f.Bias;
        }
        return u;
    }

    /// <summary>Shifts right, ORing every bit shifted out into bit 0 (the sticky bit).</summary>
    public static ulong ShiftRightJam(ulong v, int count)
    {
        if (count <= 0) return v;
        if (count >= 64) return v != 0 ? 1UL : 0;
        return (v >> count) | ((v & ((1UL << count) - 1)) != 0 ? 1UL : 0);
    }

    /// <summary>
    /// Rounds Sig × 2^(exp − 62) (sig non-zero, leading one at bit 61 to 63, bit 0 sticky) to the
    /// format in the current rounding mode, with overflow, underflow (tiny before rounding, and
    /// only when inexact) and flush-to-zero of tiny results.
    /// </summary>
    public static ulong RoundPack(bool sign, int exp, ulong sig, in FloatFormat f, ref FpStatus st)
    {
        if ((sig & (1UL << 63)) != 0) { sig = ShiftRightJam(sig, 1); exp++; }
        else
        {
            int lz = BitOperations.LeadingZeroCount(sig) - 1;
            sig <<= lz;
            exp -= lz;
        }

        int biased = exp + f.Bias;
        ulong roundMask = (1UL << f.RoundShift) - 1;
        ulong half = 1UL << (f.RoundShift - 1);
        ulong lsb = 1UL << f.RoundShift;
        bool overflowToMax;
        ulong inc;
        switch (st.Rounding)
        {
            case RoundingMode.NearestEven:
                overflowToMax = false;
                inc = (sig & (roundMask | lsb)) != half ? half : 0;
                break;
            case RoundingMode.TowardZero:
                overflowToMax = true;
                inc = 0;
                break;
            case RoundingMode.TowardPlusInfinity:
                overflowToMax = sign;
                inc = sign ? 0 : roundMask;
                break;
            default:
                overflowToMax = !sign;
                inc = sign ? roundMask : 0;
                break;
        }

        if (biased > 0)
        {
            if ((sig & roundMask) != 0)
            {
                st.Flags |= FpFlags.Inexact;
                sig += inc;
                if ((sig & (1UL << 63)) != 0) { sig >>= 1; biased++; }
                sig &= ~roundMask;
            }
            if (biased >= f.ExpMax)
            {
                st.Flags |= FpFlags.Overflow | FpFlags.Inexact;
                return overflowToMax ? f.Pack(sign, f.ExpMax - 1, f.FracMask) : f.Infinity(sign);
            }
            return f.Pack(sign, biased, sig >> f.RoundShift);
        }

        if (st.FlushToZero)
        {
            // QEMU flushes on the exponent before rounding and reports it as underflow only.
            st.Flags |= FpFlags.Underflow;
            return f.Zero(sign);
        }

        // Tiny (ARM detects tininess before rounding): denormalise, then round again.
        sig = ShiftRightJam(sig, 1 - biased);
        if ((sig & roundMask) != 0)
        {
            if (st.Rounding == RoundingMode.NearestEven)
                inc = (sig & (roundMask | lsb)) != half ? half : 0;
            st.Flags |= FpFlags.Inexact | FpFlags.Underflow;
            sig += inc;
            sig &= ~roundMask;
        }
        int e = (sig & Lead) != 0 ? 1 : 0;
        return f.Pack(sign, e, sig >> f.RoundShift);
    }

    /// <summary>Packs an unpacked normal number or zero exactly (it came from this format).</summary>
    static ulong Repack(in Unpacked u, bool sign, in FloatFormat f, ref FpStatus st) =>
        u.Class == FloatClass.Zero ? f.Zero(sign) : RoundPack(sign, u.Exp, u.Sig, f, ref st);

    /// <summary>ARM's choice among two NaN operands: the first signalling one, else the first quiet
    /// one; quietened; the default NaN in DN mode. Any signalling NaN raises IOC.</summary>
    static ulong PickNaN(in Unpacked a, in Unpacked b, in FloatFormat f, ref FpStatus st)
    {
        if (a.Class == FloatClass.SignalingNaN || b.Class == FloatClass.SignalingNaN)
            st.Flags |= FpFlags.InvalidOperation;
        if (st.DefaultNan) return f.DefaultNan;
        Unpacked pick = a.Class == FloatClass.SignalingNaN ? a
            : b.Class == FloatClass.SignalingNaN ? b
            : a.IsNaN ? a : b;
        return f.Pack(pick.Sign, f.ExpMax, pick.Sig | f.QuietBit);
    }

    /// <summary>The NaN result of a one-operand operation on a NaN.</summary>
    static ulong PropagateNaN(in Unpacked a, in FloatFormat f, ref FpStatus st)
    {
        if (a.Class == FloatClass.SignalingNaN) st.Flags |= FpFlags.InvalidOperation;
        if (st.DefaultNan) return f.DefaultNan;
        return f.Pack(a.Sign, f.ExpMax, a.Sig | f.QuietBit);
    }

    static ulong InvalidResult(in FloatFormat f, ref FpStatus st)
    {
        st.Flags |= FpFlags.InvalidOperation;
        return f.DefaultNan;
    }
}
