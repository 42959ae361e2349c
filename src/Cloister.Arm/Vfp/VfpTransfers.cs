namespace Cloister.Arm.Vfp;

/// <summary>
/// Moves between ARM and VFP registers: FMSR/FMRS, FMDLR/FMDHR/FMRDL/FMRDH, FMSRR/FMRRS/FMDRR/FMRRD
/// (MCRR/MRRC) and FMXR/FMRX of the system registers. Field use: Rs = Rt, ShiftType = Rt2,
/// Rn = VFP register (or system register number), Extra = flags below.
/// </summary>
internal static unsafe class VfpTransfers
{
    public const byte ToCore = 1, DoubleRegister = 2;

    const int Fpsid = 0, Fpscr = 1, Mvfr1 = 6, Mvfr0 = 7, Fpexc = 8, Fpinst = 9, Fpinst2 = 10;

    /// <summary>True for the system registers FMXR/FMRX can name on a VFPv2 core (others UNDEF at decode).</summary>
    public static bool IsSystemRegister(int reg) => reg is Fpsid or Fpscr or Mvfr1 or Mvfr0 or Fpexc or Fpinst or Fpinst2;

    /// <summary>An ARM register write from a VFP transfer; r15 is a plain branch, as in QEMU.</summary>
    static void WriteCore(ArmCpu c, int rt, uint value)
    {
        if (rt == 15) c.BranchWritePc(value);
        else c.R[rt] = value;
    }

    static void SetFlags(ArmCpu c, uint value)
    {
        c.FlagN = value >> 31;
        c.FlagZ = (value >> 30) & 1;
        c.FlagC = (value >> 29) & 1;
        c.FlagV = (value >> 28) & 1;
    }

    /// <summary>FMSR / FMRS (Rt = 15 on FMRS sets the CPSR flags).</summary>
    public static void MoveSingle(ArmCpu c, Insn* d)
    {
        if (!VfpDataProcessing.CheckEnabled(c)) return;
        uint* s = c.Vfp.S;
        if ((d->Extra & ToCore) == 0) { s[d->Rn] = c.R[d->Rs]; return; }
        if (d->Rs == 15) SetFlags(c, s[d->Rn]);
        else c.R[d->Rs] = s[d->Rn];
    }

    /// <summary>FMDLR/FMDHR/FMRDL/FMRDH: one half of Dn; Rn holds the S index (2n or 2n+1).</summary>
    public static void MoveHalfDouble(ArmCpu c, Insn* d)
    {
        if (!VfpDataProcessing.CheckEnabled(c)) return;
        uint* s = c.Vfp.S;
        if ((d->Extra & ToCore) == 0) s[d->Rn] = c.R[d->Rs];
        else WriteCore(c, d->Rs, s[d->Rn]);
    }

    /// <summary>FMSRR/FMRRS (Sm, Sm+1) and FMDRR/FMRRD (Dm); Rn holds the first S index.</summary>
    public static void MoveTwo(ArmCpu c, Insn* d)
    {
        if (!VfpDataProcessing.CheckEnabled(c)) return;
        uint* s = c.Vfp.S;
        int first = d->Rn;
        if ((d->Extra & ToCore) == 0)
        {
            s[first] = c.R[d->Rs];
            s[first + 1] = c.R[d->ShiftType];
        }
        else
        {
            WriteCore(c, d->Rs, s[first]);
            WriteCore(c, d->ShiftType, s[first + 1]);
        }
    }

    /// <summary>FMRX (and FMSTAT = FMRX APSR_nzcv, FPSCR). FPSID reads in User mode on VFPv2; FPEXC,
    /// FPINST and the MVFRs (ARMv6K cores only) are privileged; FPSID, FPEXC and MVFR work with
    /// FPEXC.EN clear.</summary>
    public static void ReadSystem(ArmCpu c, Insn* d)
    {
        int reg = d->Rn;
        if (!SystemAccessAllowed(c, reg)) return;
        var v = c.Vfp;
        uint value = reg switch
        {
            Fpsid => c.Model.Fpsid,
            Fpscr => d->Rs == 15 ? v.Nzcv : v.ReadFpscr(),
            Mvfr0 => c.Model.Mvfr0,
            Mvfr1 => c.Model.Mvfr1,
            Fpexc => v.Fpexc,
            Fpinst => v.Fpinst,
            _ => v.Fpinst2,
        };
        if (d->Rs == 15) SetFlags(c, value);
        else c.R[d->Rs] = value;
    }

    /// <summary>FMXR. Writes to FPSID and the MVFRs are ignored; FPEXC keeps only EN (as QEMU).</summary>
    public static void WriteSystem(ArmCpu c, Insn* d)
    {
        int reg = d->Rn;
        if (!SystemAccessAllowed(c, reg)) return;
        var v = c.Vfp;
        uint value = c.R[d->Rs];
        switch (reg)
        {
            case Fpscr: v.WriteFpscr(value); break;
            case Fpexc: v.Fpexc = value & VfpState.FpexcEnable; break;
            case Fpinst: v.Fpinst = value; break;
            case Fpinst2: v.Fpinst2 = value; break;
        }
    }

    static bool SystemAccessAllowed(ArmCpu c, int reg)
    {
        if (VfpDataProcessing.AccessTrapped(c)) { c.RaiseUndefined(); return false; }
        bool user = !c.IsPrivileged;
        bool ignoreEnable;
        switch (reg)
        {
            case Fpsid: ignoreEnable = true; break;
            case Fpscr: ignoreEnable = false; break;
            case Mvfr0:
            case Mvfr1:
                if (user || c.Model.Arch < ArchVersion.V6K) { c.RaiseUndefined(); return false; }
                ignoreEnable = true;
                break;
            case Fpexc:
                if (user) { c.RaiseUndefined(); return false; }
                ignoreEnable = true;
                break;
            default: // FPINST, FPINST2
                if (user) { c.RaiseUndefined(); return false; }
                ignoreEnable = false;
                break;
        }
        return ignoreEnable || VfpDataProcessing.CheckEnabled(c);
    }
}
