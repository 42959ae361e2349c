namespace Cloister.Arm.Vfp;

// Conversions between precisions and to/from 32-bit integers (FCVTDS/FCVTSD, FSITO/FUITO, FTOSI/FTOUI).
internal static partial class SoftFloat
{
    /// <summary>Converts between formats: NaNs keep their sign and the top of their payload
    /// (quietened, or the default NaN in DN mode); numbers are rounded to the target.</summary>
    public static ulong ConvertFormat(ulong bits, in FloatFormat from, in FloatFormat to, ref FpStatus st)
    {
        var a = Unpack(bits, from, ref st);
        switch (a.Class)
        {
            case FloatClass.Zero: return to.Zero(a.Sign);
            case FloatClass.Infinity: return to.Infinity(a.Sign);
            case FloatClass.Normal: return RoundPack(a.Sign, a.Exp, a.Sig, to, ref st);
        }
        if (a.Class == FloatClass.SignalingNaN) st.Flags |= FpFlags.InvalidOperation;
        if (st.DefaultNan) return to.DefaultNan;
        ulong payload = from.FracBits > to.FracBits ? a.Sig >> (from.FracBits - to.FracBits) : a.Sig << (to.FracBits - from.FracBits);
        return to.Pack(a.Sign, to.ExpMax, payload | to.QuietBit);
    }

    public static ulong FromInt32(int value, in FloatFormat f, ref FpStatus st)
    {
        if (value == 0) return f.Zero(false);
        ulong magnitude = value < 0 ? (ulong)(-(long)value) : (ulong)value;
        return RoundPack(value < 0, 62, magnitude, f, ref st);
    }

    public static ulong FromUInt32(uint value, in FloatFormat f, ref FpStatus st) =>
        value == 0 ? f.Zero(false) : RoundPack(false, 62, value, f, ref st);

    /// <summary>Float to signed 32-bit integer: NaN gives 0 and IOC; out-of-range values saturate
    /// with IOC only (no IXC), as QEMU's helpers do.</summary>
    public static uint ToInt32(ulong bits, in FloatFormat f, RoundingMode mode, ref FpStatus st)
    {
        var a = Unpack(bits, f, ref st);
        if (NotFinite(a, 0x80000000u, 0x7FFFFFFFu, ref st, out uint special)) return special;
        ulong r = RoundToInteger(a, mode, out bool inexact, out bool huge);
        if (a.Sign)
        {
            if (!huge && r <= 0x80000000UL)
            {
                if (inexact) st.Flags |= FpFlags.Inexact;
                return (uint)(0 - r);
            }
            st.Flags |= FpFlags.InvalidOperation;
            return 0x80000000u;
        }
        if (!huge && r <= 0x7FFFFFFFUL)
        {
            if (inexact) st.Flags |= FpFlags.Inexact;
            return (uint)r;
        }
        st.Flags |= FpFlags.InvalidOperation;
        return 0x7FFFFFFFu;
    }

    /// <summary>Float to unsigned 32-bit integer: negative values that do not round to zero give 0
    /// and IOC; too large values saturate with IOC.</summary>
    public static uint ToUInt32(ulong bits, in FloatFormat f, RoundingMode mode, ref FpStatus st)
    {
        var a = Unpack(bits, f, ref st);
        if (NotFinite(a, 0u, 0xFFFFFFFFu, ref st, out uint special)) return special;
        ulong r = RoundToInteger(a, mode, out bool inexact, out bool huge);
        if (r == 0 && !huge)
        {
            if (inexact) st.Flags |= FpFlags.Inexact;
            return 0;
        }
        if (a.Sign)
        {
            st.Flags |= FpFlags.InvalidOperation;
            return 0;
        }
        if (!huge && r <= 0xFFFFFFFFUL)
        {
            if (inexact) st.Flags |= FpFlags.Inexact;
            return (uint)r;
        }
        st.Flags |= FpFlags.InvalidOperation;
        return 0xFFFFFFFFu;
    }

    /// <summary>The float-to-integer cases that need no rounding: NaN gives 0 and IOC, zero gives 0,
    /// an infinity saturates to <paramref name="minimum"/> or <paramref name="maximum"/> with IOC.
    /// False for finite non-zero values.</summary>
    static bool NotFinite(in Unpacked a, uint minimum, uint maximum, ref FpStatus st, out uint result)
    {
        switch (a.Class)
        {
            case FloatClass.QuietNaN:
            case FloatClass.SignalingNaN:
                st.Flags |= FpFlags.InvalidOperation;
                result = 0;
                return true;
            case FloatClass.Zero:
                result = 0;
                return true;
            case FloatClass.Infinity:
                st.Flags |= FpFlags.InvalidOperation;
                result = a.Sign ? minimum : maximum;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>Rounds |a| to an integer in the given mode (the sign decides directed rounding).
    /// <paramref name="huge"/> means at least 2^62, beyond any 32-bit result.</summary>
    static ulong RoundToInteger(in Unpacked a, RoundingMode mode, out bool inexact, out bool huge)
    {
        huge = a.Exp >= 62;
        inexact = false;
        if (huge) return ulong.MaxValue;
        ulong intPart, frac, half;
        bool fracNonZero;
        if (a.Exp >= 0)
        {
            int shift = 62 - a.Exp;
            intPart = a.Sig >> shift;
            frac = a.Sig & ((1UL << shift) - 1);
            half = 1UL << (shift - 1);
            fracNonZero = frac != 0;
        }
        else
        {
            // |a| < 1: compare with one half directly (Exp == −1 means [0.5, 1)).
            intPart = 0;
            fracNonZero = true;
            half = Lead;
            frac = a.Exp == -1 ? a.Sig : 1; // below half when Exp < −1
        }
        if (!fracNonZero) return intPart;
        inexact = true;
        bool up = mode switch
        {
            RoundingMode.NearestEven => frac > half || (frac == half && (intPart & 1) != 0),
            RoundingMode.TowardPlusInfinity => !a.Sign,
            RoundingMode.TowardMinusInfinity => a.Sign,
            _ => false,
        };
        return up ? intPart + 1 : intPart;
    }
}
