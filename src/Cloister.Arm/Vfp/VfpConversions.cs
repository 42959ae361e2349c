namespace Cloister.Arm.Vfp;

/// <summary>
/// Compares and conversions: always scalar, whatever FPSCR.LEN says. Field use: Rd = Fd, Rm = Fm,
/// Extra = flags below.
/// </summary>
internal static unsafe class VfpConversions
{
    public const byte CompareSignalsQuiet = 1, CompareWithZero = 2;
    public const byte Signed = 1, RoundTowardZero = 2;

    public static void CompareSingle(ArmCpu c, Insn* d)
    {
        if (!VfpDataProcessing.CheckEnabled(c)) return;
        var v = c.Vfp;
        uint fm = (d->Extra & CompareWithZero) != 0 ? 0 : v.S[d->Rm];
        v.SetNzcv(SoftFloat.Compare(v.S[d->Rd], fm, FloatFormat.Single, (d->Extra & CompareSignalsQuiet) != 0, ref v.Status));
    }

    public static void CompareDouble(ArmCpu c, Insn* d)
    {
        if (!VfpDataProcessing.CheckEnabled(c)) return;
        var v = c.Vfp;
        ulong fm = (d->Extra & CompareWithZero) != 0 ? 0 : v.GetD(d->Rm);
        v.SetNzcv(SoftFloat.Compare(v.GetD(d->Rd), fm, FloatFormat.Double, (d->Extra & CompareSignalsQuiet) != 0, ref v.Status));
    }

    /// <summary>FCVTDS: Dd = Sm.</summary>
    public static void SingleToDouble(ArmCpu c, Insn* d)
    {
        if (!VfpDataProcessing.CheckEnabled(c)) return;
        var v = c.Vfp;
        v.SetD(d->Rd, SoftFloat.ConvertFormat(v.S[d->Rm], FloatFormat.Single, FloatFormat.Double, ref v.Status));
    }

    /// <summary>FCVTSD: Sd = Dm.</summary>
    public static void DoubleToSingle(ArmCpu c, Insn* d)
    {
        if (!VfpDataProcessing.CheckEnabled(c)) return;
        var v = c.Vfp;
        v.S[d->Rd] = (uint)SoftFloat.ConvertFormat(v.GetD(d->Rm), FloatFormat.Double, FloatFormat.Single, ref v.Status);
    }

    /// <summary>FSITOS/FUITOS: Sd = (float)Sm.</summary>
    public static void IntToSingle(ArmCpu c, Insn* d)
    {
        if (!VfpDataProcessing.CheckEnabled(c)) return;
        var v = c.Vfp;
        uint x = v.S[d->Rm];
        v.S[d->Rd] = (uint)((d->Extra & Signed) != 0
            ? SoftFloat.FromInt32((int)x, FloatFormat.Single, ref v.Status)
            : SoftFloat.FromUInt32(x, FloatFormat.Single, ref v.Status));
    }

    /// <summary>FSITOD/FUITOD: Dd = (double)Sm.</summary>
    public static void IntToDouble(ArmCpu c, Insn* d)
    {
        if (!VfpDataProcessing.CheckEnabled(c)) return;
        var v = c.Vfp;
        uint x = v.S[d->Rm];
        v.SetD(d->Rd, (d->Extra & Signed) != 0
            ? SoftFloat.FromInt32((int)x, FloatFormat.Double, ref v.Status)
            : SoftFloat.FromUInt32(x, FloatFormat.Double, ref v.Status));
    }

    /// <summary>FTOSIS/FTOUIS (Z: round toward zero, else FPSCR.RMode): Sd = (int)Sm.</summary>
    public static void SingleToInt(ArmCpu c, Insn* d)
    {
        if (!VfpDataProcessing.CheckEnabled(c)) return;
        var v = c.Vfp;
        v.S[d->Rd] = ToInt(v, v.S[d->Rm], FloatFormat.Single, d->Extra);
    }

    /// <summary>FTOSID/FTOUID: Sd = (int)Dm.</summary>
    public static void DoubleToInt(ArmCpu c, Insn* d)
    {
        if (!VfpDataProcessing.CheckEnabled(c)) return;
        var v = c.Vfp;
        v.S[d->Rd] = ToInt(v, v.GetD(d->Rm), FloatFormat.Double, d->Extra);
    }

    static uint ToInt(VfpState v, ulong x, in FloatFormat f, byte flags)
    {
        var mode = (flags & RoundTowardZero) != 0 ? RoundingMode.TowardZero : v.Status.Rounding;
        return (flags & Signed) != 0
            ? SoftFloat.ToInt32(x, f, mode, ref v.Status)
            : SoftFloat.ToUInt32(x, f, mode, ref v.Status);
    }
}
