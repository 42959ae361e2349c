namespace Cloister.Arm.Jit;

/// <summary>
/// Most Thumb-1 data-processing instructions are an ARM data-processing instruction with fixed
/// operands (ADDS Rd, Rn, Rm; ANDS Rd, Rd, Rm; MOVS Rd, Rm, LSL #n...), and the literal load is
/// an LDR from the PC. Rewriting them as the ARM Insn lets the ARM emitters translate them; the
/// pairs below compute exactly what the Thumb handlers do (same Shifter and AddWithCarry calls).
/// </summary>
internal static unsafe class ThumbEquivalents
{
    const int And = 0, Eor = 1, Sub = 2, Rsb = 3, Add = 4, Adc = 5, Sbc = 6,
        Tst = 8, Cmp = 10, Cmn = 11, Orr = 12, Mov = 13, Bic = 14, Mvn = 15;
    const int Immediate = 0, Register = 1, ShiftByImmediate = 2, ShiftByRegister = 3;

    static nint H(delegate*<ArmCpu, Insn*, void> f) => (nint)f;

    static readonly nint ShiftImmediate = H(&Thumb.ShiftImmediate), AddRegister = H(&Thumb.AddRegister),
        SubRegister = H(&Thumb.SubRegister), AddImmediate = H(&Thumb.AddImmediate),
        SubImmediate = H(&Thumb.SubImmediate), CmpImmediate = H(&Thumb.CmpImmediate),
        MovImmediate = H(&Thumb.MovImmediate), AndH = H(&Thumb.And), EorH = H(&Thumb.Eor),
        OrrH = H(&Thumb.Orr), BicH = H(&Thumb.Bic), MvnH = H(&Thumb.Mvn), TstH = H(&Thumb.Tst),
        AdcH = H(&Thumb.Adc), SbcH = H(&Thumb.Sbc), NegH = H(&Thumb.Neg), CmpH = H(&Thumb.Cmp),
        CmnH = H(&Thumb.Cmn), ShiftRegister = H(&Thumb.ShiftRegister), AddHigh = H(&Thumb.AddHigh),
        CmpHigh = H(&Thumb.CmpHigh), MovHigh = H(&Thumb.MovHigh), AddSpRelative = H(&Thumb.AddSpRelative),
        AdjustSp = H(&Thumb.AdjustSp), LoadLiteral = H(&Thumb.LoadLiteral), MulH = H(&Thumb.Mul),
        BranchLinkPrefix = H(&Thumb.BranchLinkPrefix);

    /// <summary>Fills <paramref name="arm"/> with the ARM form of <paramref name="d"/> (at byte
    /// <paramref name="pageOffset"/> of its page) if it has one.</summary>
    public static bool TryRewrite(Insn* d, int pageOffset, Insn* arm)
    {
        nint h = (nint)d->Exec;
        byte rd = d->Rd, rn = d->Rn, rm = d->Rm;
        *arm = default;
        arm->Cond = d->Cond;
        arm->Raw = d->Raw;
        if (h == ShiftImmediate) return Dp(arm, Mov, ShiftByImmediate, true, rd, 0, rm, shiftType: d->ShiftType, shiftAmount: d->ShiftAmount);
        if (h == AddRegister) return Dp(arm, Add, Register, true, rd, rn, rm);
        if (h == SubRegister) return Dp(arm, Sub, Register, true, rd, rn, rm);
        if (h == AddImmediate) return Dp(arm, Add, Immediate, true, rd, rn, 0, d->Imm);
        if (h == SubImmediate) return Dp(arm, Sub, Immediate, true, rd, rn, 0, d->Imm);
        if (h == CmpImmediate) return Dp(arm, Cmp, Immediate, true, 0, rn, 0, d->Imm);
        if (h == MovImmediate) return Dp(arm, Mov, Immediate, true, rd, 0, 0, d->Imm);
        if (h == AndH) return Dp(arm, And, Register, true, rd, rd, rm);
        if (h == EorH) return Dp(arm, Eor, Register, true, rd, rd, rm);
        if (h == OrrH) return Dp(arm, Orr, Register, true, rd, rd, rm);
        if (h == BicH) return Dp(arm, Bic, Register, true, rd, rd, rm);
        if (h == MvnH) return Dp(arm, Mvn, Register, true, rd, 0, rm);
        if (h == TstH) return Dp(arm, Tst, Register, true, 0, rd, rm);
        if (h == AdcH) return Dp(arm, Adc, Register, true, rd, rd, rm);
        if (h == SbcH) return Dp(arm, Sbc, Register, true, rd, rd, rm);
        if (h == NegH) return Dp(arm, Rsb, Immediate, true, rd, rm, 0, 0);       // RSBS Rd, Rm, #0
        if (h == CmpH || h == CmpHigh) return Dp(arm, Cmp, Register, true, 0, rd, rm);
        if (h == CmnH) return Dp(arm, Cmn, Register, true, 0, rd, rm);
        if (h == ShiftRegister) return Dp(arm, Mov, ShiftByRegister, true, rd, 0, rd, rs: rm, shiftType: d->ShiftType);
        if (h == AddHigh && rd != 15) return Dp(arm, Add, Register, false, rd, rd, rm);
        if (h == MovHigh && rd != 15) return Dp(arm, Mov, Register, false, rd, 0, rm);
        if (h == AddSpRelative) return Dp(arm, Add, Immediate, false, rd, 13, 0, d->Imm);
        if (h == AdjustSp) return Dp(arm, Add, Immediate, false, 13, 13, 0, d->Imm);
        if (h == BranchLinkPrefix) return Dp(arm, Add, Immediate, false, 14, 15, 0, d->Imm); // LR = PC + offset
        if (h == MulH)
        {
            // MULS Rd, Rm, Rd: N and Z only, like Thumb.Mul.
            arm->Exec = (delegate*<ArmCpu, Insn*, void>)&Multiply.Mul;
            arm->Rd = rd;
            arm->Rm = rd;
            arm->Rs = rm;
            arm->Extra = 1;
            return true;
        }
        if (h == LoadLiteral)
        {
            // Base = (address + 4) & ~3: the PC read (address + 4), less 2 when the address is not word-aligned.
            arm->Exec = LoadStore.LdrTable[0];
            arm->Rd = rd;
            arm->Rn = 15;
            arm->Imm = d->Imm - (uint)((pageOffset + 4) & 2);
            return true;
        }
        return false;
    }

    static bool Dp(Insn* arm, int op, int form, bool s, byte rd, byte rn, byte rm, uint imm = 0,
        byte rs = 0, byte shiftType = 0, byte shiftAmount = 0)
    {
        arm->Exec = DataProcessing.Table[op * 8 + form * 2 + (s ? 1 : 0)];
        arm->Rd = rd;
        arm->Rn = rn;
        arm->Rm = rm;
        arm->Rs = rs;
        arm->Imm = imm;
        arm->ShiftType = shiftType;
        arm->ShiftAmount = shiftAmount;
        arm->Extra = 2; // an immediate operand leaves C unchanged (MOVS Rd, #imm8)
        return true;
    }
}
