namespace Cloister.Arm.Vfp;

// FCMP/FCMPE: the result as FPSCR NZCV bits.
internal static partial class SoftFloat
{
    public const uint CompareEqual = 0x6, CompareLess = 0x8, CompareGreater = 0x2, CompareUnordered = 0x3;

    /// <summary>Compares a with b. Signalling NaNs always raise IOC; quiet NaNs only when
    /// <paramref name="signalOnQuietNaN"/> (FCMPE). Denormals are flushed first under FZ.</summary>
    public static uint Compare(ulong aBits, ulong bBits, in FloatFormat f, bool signalOnQuietNaN, ref FpStatus st)
    {
        var a = Unpack(aBits, f, ref st);
        var b = Unpack(bBits, f, ref st);
        if (a.IsNaN || b.IsNaN)
        {
            if (signalOnQuietNaN || a.Class == FloatClass.SignalingNaN || b.Class == FloatClass.SignalingNaN)
                st.Flags |= FpFlags.InvalidOperation;
            return CompareUnordered;
        }
        long ka = OrderKey(a, aBits, f), kb = OrderKey(b, bBits, f);
        return ka == kb ? CompareEqual : ka < kb ? CompareLess : CompareGreater;
    }

    /// <summary>A signed integer with the same order as the value (both zeros map to 0).</summary>
    static long OrderKey(in Unpacked u, ulong bits, in FloatFormat f)
    {
        if (u.Class == FloatClass.Zero) return 0;
        long magnitude = (long)(bits & ((1UL << f.SignShift) - 1));
        return u.Sign ? -magnitude : magnitude;
    }
}
