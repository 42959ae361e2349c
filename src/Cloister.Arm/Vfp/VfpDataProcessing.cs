namespace Cloister.Arm.Vfp;

/// <summary>
/// VFP data processing (CDP on cp10/cp11): the three-operand arithmetic and FCPY/FABS/FNEG/FSQRT,
/// with FPSCR.LEN/STRIDE short vectors. Field use: Rd, Rn, Rm = Fd, Fn, Fm register numbers
/// (S0–S31 or D0–D15), Extra = operation.
/// </summary>
/// <remarks>
/// Vector rules (as QEMU applies them): a destination in the first bank (S0–S7 / D0–D3) makes the
/// operation scalar; otherwise Fd and Fn step by the stride within their bank, and Fm too unless it
/// is in the first bank (then it is a scalar operand reused for every element). Operands are read
/// element by element, after the previous element's result was written.
/// </remarks>
internal static unsafe class VfpDataProcessing
{
    public const byte Mac = 0, Nmac = 1, Msc = 2, Nmsc = 3, Mul = 4, Nmul = 5, Add = 6, Sub = 7, Div = 8;
    public const byte Cpy = 0, Abs = 1, Neg = 2, Sqrt = 3;

    /// <summary>QEMU 7.2's double-precision two-operand vector loop advances Fd from Fm's number and
    /// never advances Fm; the oracle's results follow it, so Cloister does too.</summary>
    static readonly bool QemuDoubleVectorQuirk = true;

    /// <summary>The check every VFP instruction makes except FMXR/FMRX of FPSID, FPEXC and the MVFRs:
    /// coprocessor access allowed and FPEXC.EN set; otherwise UNDEFINED.</summary>
    internal static bool CheckEnabled(ArmCpu c)
    {
        if (c.Vfp.Enabled && !AccessTrapped(c)) return true;
        c.RaiseUndefined();
        return false;
    }

    /// <summary>
    /// ARMv6 coprocessor access control, as QEMU applies it to cp10/cp11 (all VFP instructions,
    /// FPSID/FPEXC accesses included): CPACR.cp10 = 0 or 2 denies, 1 allows privileged modes only;
    /// with the Security Extensions, the Non-secure state also needs NSACR.CP10. ARMv5 has neither
    /// register, so access is always allowed there.
    /// </summary>
    internal static bool AccessTrapped(ArmCpu c)
    {
        if (!c.Model.IsV6) return false;
        uint fpen = (c.Cp15.Cpacr >> 20) & 3;
        if (fpen == 0 || fpen == 2 || (fpen == 1 && !c.IsPrivileged)) return true;
        return c.Model.HasSecurityExtensions && !c.Cp15.IsSecure && (c.Cp15.Nsacr & (1u << 10)) == 0;
    }

    static int NextSingle(int reg, int delta) => ((reg + delta) & 7) | (reg & ~7);
    static int NextDouble(int reg, int delta) => ((reg + delta) & 3) | (reg & ~3);

    public static void Single3(ArmCpu c, Insn* d)
    {
        if (!CheckEnabled(c)) return;
        var v = c.Vfp;
        uint* s = v.S;
        int vd = d->Rd, vn = d->Rn, vm = d->Rm, len = v.VectorLength, deltaD = 0, deltaM = 0;
        if (len > 0)
        {
            if ((vd & 0x18) == 0) len = 0;
            else
            {
                deltaD = v.VectorStride + 1;
                deltaM = (vm & 0x18) == 0 ? 0 : deltaD;
            }
        }
        uint f0 = s[vn], f1 = s[vm];
        while (true)
        {
            s[vd] = (uint)Operate3(d->Extra, s[vd], f0, f1, FloatFormat.Single, ref v.Status);
            if (len == 0) break;
            len--;
            vd = NextSingle(vd, deltaD);
            vn = NextSingle(vn, deltaD);
            f0 = s[vn];
            if (deltaM != 0) { vm = NextSingle(vm, deltaM); f1 = s[vm]; }
        }
    }

    public static void Double3(ArmCpu c, Insn* d)
    {
        if (!CheckEnabled(c)) return;
        var v = c.Vfp;
        int vd = d->Rd, vn = d->Rn, vm = d->Rm, len = v.VectorLength, deltaD = 0, deltaM = 0;
        if (len > 0)
        {
            if ((vd & 0xC) == 0) len = 0;
            else
            {
                deltaD = (v.VectorStride >> 1) + 1;
                deltaM = (vm & 0xC) == 0 ? 0 : deltaD;
            }
        }
        ulong f0 = v.GetD(vn), f1 = v.GetD(vm);
        while (true)
        {
            v.SetD(vd, Operate3(d->Extra, v.GetD(vd), f0, f1, FloatFormat.Double, ref v.Status));
            if (len == 0) break;
            len--;
            vd = NextDouble(vd, deltaD);
            vn = NextDouble(vn, deltaD);
            f0 = v.GetD(vn);
            if (deltaM != 0) { vm = NextDouble(vm, deltaM); f1 = v.GetD(vm); }
        }
    }

    /// <summary>The multiply-accumulate forms round twice (multiply, then add), as VFPv2 does; the
    /// operand order of the final add matters for which NaN is propagated.</summary>
    static ulong Operate3(byte op, ulong fd, ulong fn, ulong fm, in FloatFormat f, ref FpStatus st)
    {
        ulong sign = 1UL << f.SignShift;
        switch (op)
        {
            case Mac: { ulong p = SoftFloat.Mul(fn, fm, f, ref st); return SoftFloat.Add(fd, p, f, ref st); }
            case Nmac: { ulong p = SoftFloat.Mul(fn, fm, f, ref st); return SoftFloat.Add(fd, p ^ sign, f, ref st); }
            case Msc: { ulong p = SoftFloat.Mul(fn, fm, f, ref st); return SoftFloat.Add(fd ^ sign, p, f, ref st); }
            case Nmsc: { ulong p = SoftFloat.Mul(fn, fm, f, ref st); return SoftFloat.Add(fd ^ sign, p ^ sign, f, ref st); }
            case Mul: return SoftFloat.Mul(fn, fm, f, ref st);
            case Nmul: return SoftFloat.Mul(fn, fm, f, ref st) ^ sign;
            case Add: return SoftFloat.Add(fn, fm, f, ref st);
            case Sub: return SoftFloat.Sub(fn, fm, f, ref st);
            default: return SoftFloat.Div(fn, fm, f, ref st);
        }
    }

    static ulong Operate2(byte op, ulong fm, in FloatFormat f, ref FpStatus st)
    {
        ulong sign = 1UL << f.SignShift;
        return op switch
        {
            Cpy => fm,
            Abs => fm & ~sign,
            Neg => fm ^ sign,
            _ => SoftFloat.Sqrt(fm, f, ref st),
        };
    }

    public static void Single2(ArmCpu c, Insn* d)
    {
        if (!CheckEnabled(c)) return;
        var v = c.Vfp;
        uint* s = v.S;
        int vd = d->Rd, vm = d->Rm, len = v.VectorLength, deltaD = 0, deltaM = 0;
        if (len > 0)
        {
            if ((vd & 0x18) == 0) len = 0;
            else
            {
                deltaD = v.VectorStride + 1;
                deltaM = (vm & 0x18) == 0 ? 0 : deltaD;
            }
        }
        uint f0 = s[vm];
        while (true)
        {
            uint r = (uint)Operate2(d->Extra, f0, FloatFormat.Single, ref v.Status);
            s[vd] = r;
            if (len == 0) break;
            if (deltaM == 0)
            {
                // A scalar source is computed once and copied to every element.
                while (len-- > 0) { vd = NextSingle(vd, deltaD); s[vd] = r; }
                break;
            }
            len--;
            vd = NextSingle(vd, deltaD);
            vm = NextSingle(vm, deltaM);
            f0 = s[vm];
        }
    }

    public static void Double2(ArmCpu c, Insn* d)
    {
        if (!CheckEnabled(c)) return;
        var v = c.Vfp;
        int vd = d->Rd, vm = d->Rm, len = v.VectorLength, deltaD = 0, deltaM = 0;
        if (len > 0)
        {
            if ((vd & 0xC) == 0) len = 0;
            else
            {
                deltaD = (v.VectorStride >> 1) + 1;
                deltaM = (vm & 0xC) == 0 ? 0 : deltaD;
            }
        }
        ulong f0 = v.GetD(vm);
        while (true)
        {
            ulong r = Operate2(d->Extra, f0, FloatFormat.Double, ref v.Status);
            v.SetD(vd, r);
            if (len == 0) break;
            if (deltaM == 0)
            {
                while (len-- > 0) { vd = NextDouble(vd, deltaD); v.SetD(vd, r); }
                break;
            }
            len--;
            if (QemuDoubleVectorQuirk)
            {
                vd = NextDouble(vm, deltaM);
            }
            else
            {
                vd = NextDouble(vd, deltaD);
                vm = NextDouble(vm, deltaM);
            }
            f0 = v.GetD(vm);
        }
    }
}
