namespace Cloister.Arm.Vfp;

/// <summary>
/// Decodes the VFPv2 instructions (conditional CDP/MCR/MRC/LDC/STC/MCRR/MRRC on cp10 = single and
/// cp11 = double precision). Encodings QEMU does not accept for a VFPv2 core with 16 D registers
/// (VFPv3/v4 forms, half precision, D16–D31, bad FLDM counts, write-back to the PC) are UNDEFINED
/// here as well. FPEXC.EN, privilege and FPSCR.LEN are checked when the instruction executes.
/// </summary>
internal static unsafe class VfpDecoder
{
    static uint Bits(uint v, int hi, int lo) => (v >> lo) & ((1u << (hi - lo + 1)) - 1);
    static bool Bit(uint v, int n) => ((v >> n) & 1) != 0;

    static byte SingleD(uint raw) => (byte)((Bits(raw, 15, 12) << 1) | Bits(raw, 22, 22));
    static byte SingleN(uint raw) => (byte)((Bits(raw, 19, 16) << 1) | Bits(raw, 7, 7));
    static byte SingleM(uint raw) => (byte)((Bits(raw, 3, 0) << 1) | Bits(raw, 5, 5));
    static byte DoubleD(uint raw) => (byte)((Bits(raw, 22, 22) << 4) | Bits(raw, 15, 12));
    static byte DoubleN(uint raw) => (byte)((Bits(raw, 7, 7) << 4) | Bits(raw, 19, 16));
    static byte DoubleM(uint raw) => (byte)((Bits(raw, 5, 5) << 4) | Bits(raw, 3, 0));

    static delegate*<ArmCpu, Insn*, void> Undefined => &Miscellaneous.Undefined;

    /// <summary>True for coprocessor-space encodings that belong to VFP (cp10 or cp11).</summary>
    public static bool IsVfpCoprocessor(uint raw) => (raw & 0x0E00) == 0x0A00;

    public static delegate*<ArmCpu, Insn*, void> Decode(ArmCpu cpu, Insn* d, uint raw)
    {
        d->Rd = d->Rn = d->Rm = d->Rs = d->ShiftType = d->ShiftAmount = d->Extra = 0;
        d->Imm = 0;
        return Bits(raw, 27, 25) == 0b110 ? DecodeLoadStore(cpu, d, raw)
            : Bit(raw, 4) ? DecodeRegisterTransfer(cpu, d, raw)
            : DecodeDataProcessing(d, raw);
    }

    static delegate*<ArmCpu, Insn*, void> DecodeDataProcessing(Insn* d, uint raw)
    {
        bool dbl = Bit(raw, 8);
        int opc = (int)((Bits(raw, 23, 23) << 3) | (Bits(raw, 21, 20) << 1) | Bits(raw, 6, 6));
        if (opc <= VfpDataProcessing.Div)
        {
            d->Extra = (byte)opc;
            if (!dbl)
            {
                d->Rd = SingleD(raw); d->Rn = SingleN(raw); d->Rm = SingleM(raw);
                return &VfpDataProcessing.Single3;
            }
            d->Rd = DoubleD(raw); d->Rn = DoubleN(raw); d->Rm = DoubleM(raw);
            if (((d->Rd | d->Rn | d->Rm) & 0x10) != 0) return Undefined;
            return &VfpDataProcessing.Double3;
        }
        if (opc != 15) return Undefined; // fused multiply-add and VMOV immediate are VFPv3/v4

        int ext = (int)((Bits(raw, 19, 16) << 1) | Bits(raw, 7, 7));
        switch (ext)
        {
            case 0b00000: case 0b00001: case 0b00010: case 0b00011:
                d->Extra = (byte)ext; // FCPY, FABS, FNEG, FSQRT
                return SameSize(d, raw, dbl, &VfpDataProcessing.Single2, &VfpDataProcessing.Double2);
            case 0b01000: case 0b01001: case 0b01010: case 0b01011:
            {
                bool z = Bit(raw, 16);
                d->Extra = (byte)((Bit(raw, 7) ? VfpConversions.CompareSignalsQuiet : 0) | (z ? VfpConversions.CompareWithZero : 0));
                var h = SameSize(d, raw, dbl, &VfpConversions.CompareSingle, &VfpConversions.CompareDouble);
                if (z && d->Rm != 0) return Undefined; // FCMPZ needs Fm = 0
                return h;
            }
            case 0b01111:
                if (!dbl)
                {
                    d->Rd = DoubleD(raw); d->Rm = SingleM(raw);
                    return (d->Rd & 0x10) != 0 ? Undefined : &VfpConversions.SingleToDouble;
                }
                d->Rd = SingleD(raw); d->Rm = DoubleM(raw);
                return (d->Rm & 0x10) != 0 ? Undefined : &VfpConversions.DoubleToSingle;
            case 0b10000: case 0b10001:
                d->Extra = (byte)(Bit(raw, 7) ? VfpConversions.Signed : 0);
                d->Rm = SingleM(raw);
                if (!dbl) { d->Rd = SingleD(raw); return &VfpConversions.IntToSingle; }
                d->Rd = DoubleD(raw);
                return (d->Rd & 0x10) != 0 ? Undefined : &VfpConversions.IntToDouble;
            case 0b11000: case 0b11001: case 0b11010: case 0b11011:
                d->Extra = (byte)((Bit(raw, 16) ? VfpConversions.Signed : 0) | (Bit(raw, 7) ? VfpConversions.RoundTowardZero : 0));
                d->Rd = SingleD(raw);
                if (!dbl) { d->Rm = SingleM(raw); return &VfpConversions.SingleToInt; }
                d->Rm = DoubleM(raw);
                return (d->Rm & 0x10) != 0 ? Undefined : &VfpConversions.DoubleToInt;
            default:
                return Undefined; // half precision, fixed point, VRINT, VJCVT: not in VFPv2
        }
    }

    static delegate*<ArmCpu, Insn*, void> SameSize(Insn* d, uint raw, bool dbl,
        delegate*<ArmCpu, Insn*, void> single, delegate*<ArmCpu, Insn*, void> dbl64)
    {
        if (!dbl) { d->Rd = SingleD(raw); d->Rm = SingleM(raw); return single; }
        d->Rd = DoubleD(raw); d->Rm = DoubleM(raw);
        return ((d->Rd | d->Rm) & 0x10) != 0 ? Undefined : dbl64;
    }

    static delegate*<ArmCpu, Insn*, void> DecodeRegisterTransfer(ArmCpu cpu, Insn* d, uint raw)
    {
        bool toCore = Bit(raw, 20);
        d->Rs = (byte)Bits(raw, 15, 12);
        d->Extra = (byte)(toCore ? VfpTransfers.ToCore : 0);
        if (!Bit(raw, 8))
        {
            uint opc1 = Bits(raw, 23, 21);
            if (opc1 == 0 && Bits(raw, 6, 5) == 0 && Bits(raw, 3, 0) == 0)
            {
                d->Rn = SingleN(raw);
                return &VfpTransfers.MoveSingle;
            }
            if (opc1 == 7 && Bits(raw, 7, 0) == 0x10)
            {
                d->Rn = (byte)Bits(raw, 19, 16);
                if (!VfpTransfers.IsSystemRegister(d->Rn)) return Undefined;
                return toCore ? &VfpTransfers.ReadSystem : &VfpTransfers.WriteSystem;
            }
            return Undefined;
        }
        // cp11: only the 32-bit scalar moves (the other sizes and VDUP are Advanced SIMD).
        if (Bits(raw, 23, 22) != 0 || Bits(raw, 6, 5) != 0 || Bits(raw, 3, 0) != 0) return Undefined;
        int dn = DoubleN(raw);
        if ((dn & 0x10) != 0) return Undefined;
        d->Rn = (byte)(2 * dn + (int)Bits(raw, 21, 21));
        return &VfpTransfers.MoveHalfDouble;
    }

    static delegate*<ArmCpu, Insn*, void> DecodeLoadStore(ArmCpu cpu, Insn* d, uint raw)
    {
        bool dbl = Bit(raw, 8);
        bool p = Bit(raw, 24), u = Bit(raw, 23), w = Bit(raw, 21), load = Bit(raw, 20);
        int rn = (int)Bits(raw, 19, 16);
        uint imm8 = raw & 0xFF;

        if (!p && !u && !w)
        {
            // MCRR/MRRC: FMSRR/FMRRS, FMDRR/FMRRD.
            if (!Bit(raw, 22) || Bits(raw, 7, 6) != 0 || !Bit(raw, 4)) return Undefined;
            d->Rs = (byte)Bits(raw, 15, 12);
            d->ShiftType = (byte)rn;
            d->Extra = (byte)(load ? VfpTransfers.ToCore : 0);
            if (!dbl) { d->Rn = SingleM(raw); return &VfpTransfers.MoveTwo; }
            int dm = DoubleM(raw);
            if ((dm & 0x10) != 0) return Undefined;
            d->Rn = (byte)(2 * dm);
            return &VfpTransfers.MoveTwo;
        }

        d->Rn = (byte)rn;
        d->Rd = dbl ? DoubleD(raw) : SingleD(raw);
        byte flags = (byte)((load ? VfpLoadStore.Load : 0) | (dbl ? VfpLoadStore.Double : 0));
        if (p && !w)
        {
            // FLDS/FSTS/FLDD/FSTD.
            if (dbl && (d->Rd & 0x10) != 0) return Undefined;
            d->Imm = u ? imm8 * 4 : 0 - imm8 * 4;
            d->Extra = flags;
            return &VfpLoadStore.Single;
        }
        if (p == u) return Undefined; // P=U=1 with W, and P=U=0 with W

        // FLDM/FSTM: increment after (P=0, U=1) or decrement before with write-back (P=1, U=0, W=1).
        int n = dbl ? (int)(imm8 >> 1) : (int)imm8;
        if (n == 0 || d->Rd + n > 32 || (dbl && (n > 16 || d->Rd + n > 16))) return Undefined;
        if (rn == 15 && w) return Undefined;
        d->Imm = imm8;
        d->Extra = (byte)(flags | (p ? VfpLoadStore.DecrementBefore : 0) | (w ? VfpLoadStore.Writeback : 0));
        return &VfpLoadStore.Multiple;
    }
}
