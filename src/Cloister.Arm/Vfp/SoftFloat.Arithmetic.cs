namespace Cloister.Arm.Vfp;

// Add, subtract, multiply, divide and square root, with QEMU's (and ARM's) special-case order:
// invalid combinations first, then NaN propagation, then infinities and zeros.
internal static partial class SoftFloat
{
    public static ulong Add(ulong a, ulong b, in FloatFormat f, ref FpStatus st) => AddSub(a, b, false, f, ref st);
    public static ulong Sub(ulong a, ulong b, in FloatFormat f, ref FpStatus st) => AddSub(a, b, true, f, ref st);

    static ulong AddSub(ulong aBits, ulong bBits, bool subtract, in FloatFormat f, ref FpStatus st)
    {
        var a = Unpack(aBits, f, ref st);
        var b = Unpack(bBits, f, ref st);
        bool bSign = b.Sign ^ subtract;
        bool bothNormal = a.Class == FloatClass.Normal && b.Class == FloatClass.Normal;
        bool bothZero = a.Class == FloatClass.Zero && b.Class == FloatClass.Zero;

        if (a.Sign != bSign)
        {
            if (bothNormal)
            {
                ulong r = SubMagnitudes(a, b, bSign, f, ref st, out bool exactZero);
                if (!exactZero) return r;
                bothZero = true;
            }
            if (bothZero) return f.Zero(st.Rounding == RoundingMode.TowardMinusInfinity);
            if (a.IsNaN || b.IsNaN) return PickNaN(a, b, f, ref st);
            if (a.Class == FloatClass.Infinity || b.Class == FloatClass.Infinity)
            {
                if (a.Class != FloatClass.Infinity) return f.Infinity(bSign);
                if (b.Class != FloatClass.Infinity) return f.Infinity(a.Sign);
                return InvalidResult(f, ref st); // inf - inf
            }
        }
        else
        {
            if (bothNormal) return AddMagnitudes(a, b, a.Sign, f, ref st);
            if (bothZero) return f.Zero(a.Sign);
            if (a.IsNaN || b.IsNaN) return PickNaN(a, b, f, ref st);
            if (a.Class == FloatClass.Infinity || b.Class == FloatClass.Infinity) return f.Infinity(a.Sign);
        }

        // One operand is zero, the other a number: the number, exactly.
        return b.Class == FloatClass.Zero ? Repack(a, a.Sign, f, ref st) : Repack(b, bSign, f, ref st);
    }

    /// <summary>|a| + |b| with the given sign (the operands' signs may be the raw, un-negated ones).</summary>
    static ulong AddMagnitudes(Unpacked a, Unpacked b, bool sign, in FloatFormat f, ref FpStatus st)
    {
        if (a.Exp < b.Exp) (a, b) = (b, a);
        ulong sum = a.Sig + ShiftRightJam(b.Sig, a.Exp - b.Exp);
        return RoundPack(sign, a.Exp, sum, f, ref st);
    }

    static ulong SubMagnitudes(Unpacked a, Unpacked b, bool bSign, in FloatFormat f, ref FpStatus st, out bool exactZero)
    {
        exactZero = false;
        bool aLarger = a.Exp > b.Exp || (a.Exp == b.Exp && a.Sig >= b.Sig);
        var (big, small) = aLarger ? (a, b) : (b, a);
        bool sign = aLarger ? a.Sign : bSign;
        ulong diff = big.Sig - ShiftRightJam(small.Sig, big.Exp - small.Exp);
        if (diff == 0) { exactZero = true; return 0; }
        return RoundPack(sign, big.Exp, diff, f, ref st);
    }

    public static ulong Mul(ulong aBits, ulong bBits, in FloatFormat f, ref FpStatus st)
    {
        var a = Unpack(aBits, f, ref st);
        var b = Unpack(bBits, f, ref st);
        bool sign = a.Sign ^ b.Sign;
        if (a.Class == FloatClass.Normal && b.Class == FloatClass.Normal)
        {
            UInt128 p = (UInt128)a.Sig * b.Sig; // leading one at bit 124 or 125
            ulong hi = (ulong)(p >> 62);
            ulong sticky = ((ulong)p & ((1UL << 62) - 1)) != 0 ? 1UL : 0;
            return RoundPack(sign, a.Exp + b.Exp, hi | sticky, f, ref st);
        }
        if ((a.Class == FloatClass.Infinity && b.Class == FloatClass.Zero) ||
            (a.Class == FloatClass.Zero && b.Class == FloatClass.Infinity))
            return InvalidResult(f, ref st);
        if (a.IsNaN || b.IsNaN) return PickNaN(a, b, f, ref st);
        if (a.Class == FloatClass.Infinity || b.Class == FloatClass.Infinity) return f.Infinity(sign);
        return f.Zero(sign);
    }

    public static ulong Div(ulong aBits, ulong bBits, in FloatFormat f, ref FpStatus st)
    {
        var a = Unpack(aBits, f, ref st);
        var b = Unpack(bBits, f, ref st);
        bool sign = a.Sign ^ b.Sign;
        if (a.Class == FloatClass.Normal && b.Class == FloatClass.Normal)
        {
            UInt128 n = (UInt128)a.Sig << 62;
            UInt128 q = n / b.Sig;
            ulong sticky = q * b.Sig != n ? 1UL : 0;
            return RoundPack(sign, a.Exp - b.Exp, (ulong)q | sticky, f, ref st);
        }
        if (a.Class == b.Class && (a.Class == FloatClass.Zero || a.Class == FloatClass.Infinity))
            return InvalidResult(f, ref st); // 0/0, inf/inf
        if (a.IsNaN || b.IsNaN) return PickNaN(a, b, f, ref st);
        if (a.Class == FloatClass.Infinity) return f.Infinity(sign);
        if (a.Class == FloatClass.Zero) return f.Zero(sign);
        if (b.Class == FloatClass.Infinity) return f.Zero(sign);
        st.Flags |= FpFlags.DivideByZero;
        return f.Infinity(sign);
    }

    public static ulong Sqrt(ulong aBits, in FloatFormat f, ref FpStatus st)
    {
        var a = Unpack(aBits, f, ref st);
        switch (a.Class)
        {
            case FloatClass.QuietNaN:
            case FloatClass.SignalingNaN:
                return PropagateNaN(a, f, ref st);
            case FloatClass.Zero:
                return f.Zero(a.Sign);
            case FloatClass.Infinity:
                return a.Sign ? InvalidResult(f, ref st) : f.Infinity(false);
        }
        if (a.Sign) return InvalidResult(f, ref st);

        // sqrt(Sig × 2^(Exp−62)) = sqrt(Sig << k) × 2^((Exp−62−k)/2), with k making the power even.
        int k = ((a.Exp - 62) & 1) == 0 ? 62 : 63;
        UInt128 s = (UInt128)a.Sig << k;
        ulong r = ISqrt(s);
        ulong sticky = (UInt128)r * r != s ? 1UL : 0;
        return RoundPack(false, (a.Exp - 62 - k) / 2 + 62, r | sticky, f, ref st);
    }

    /// <summary>Floor of the square root of a 128-bit integer below 2^126.</summary>
    static ulong ISqrt(UInt128 s)
    {
        // Newton's method from above converges monotonically to the floor.
        ulong guess = (ulong)Math.Sqrt((double)s);
        UInt128 x = (UInt128)guess + (guess >> 20) + 2; // safely above the root
        while (true)
        {
            UInt128 y = (x + s / x) >> 1;
            if (y >= x) break;
            x = y;
        }
        ulong r = (ulong)x;
        while ((UInt128)r * r > s) r--;
        while ((UInt128)(r + 1) * (r + 1) <= s) r++;
        return r;
    }
}
