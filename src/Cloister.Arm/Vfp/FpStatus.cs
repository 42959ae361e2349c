namespace Cloister.Arm.Vfp;

/// <summary>FPSCR cumulative exception flag bits, in the register's own positions.</summary>
internal static class FpFlags
{
    public const uint InvalidOperation = 1 << 0; // IOC
    public const uint DivideByZero = 1 << 1;     // DZC
    public const uint Overflow = 1 << 2;         // OFC
    public const uint Underflow = 1 << 3;        // UFC (also set when FZ flushes a result)
    public const uint Inexact = 1 << 4;          // IXC
    public const uint InputDenormal = 1 << 7;    // IDC
    public const uint All = 0x9F;
}

/// <summary>FPSCR.RMode encoding.</summary>
internal enum RoundingMode : byte
{
    NearestEven = 0,
    TowardPlusInfinity = 1,
    TowardMinusInfinity = 2,
    TowardZero = 3,
}

/// <summary>What the arithmetic reads from and reports to the FPSCR: rounding, FZ, DN and the
/// cumulative flags. Passed by reference so operations accumulate flags without allocating.</summary>
internal struct FpStatus
{
    public RoundingMode Rounding;
    /// <summary>FZ: denormal inputs become zero (IDC) and tiny results become zero (UFC).</summary>
    public bool FlushToZero;
    /// <summary>DN: every NaN result is the default NaN.</summary>
    public bool DefaultNan;
    public uint Flags;
}
