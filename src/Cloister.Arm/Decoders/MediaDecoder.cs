namespace Cloister.Arm;

/// <summary>
/// Decodes the ARMv6 media space (cond != 1111, bits 27:25 = 011, bit 4 = 1): parallel add/subtract,
/// packing, extension, reversal, saturation, the signed multiplies and USAD8. The ARMv6T2 bit-field
/// instructions in the same space (SBFX, BFC/BFI, UBFX, RBIT) are UNDEFINED on these cores.
/// </summary>
internal static unsafe class MediaDecoder
{
    static uint Bits(uint v, int hi, int lo) => (v >> lo) & ((1u << (hi - lo + 1)) - 1);
    static bool Bit(uint v, int n) => ((v >> n) & 1) != 0;

    public static delegate*<ArmCpu, Insn*, void> Decode(ArmCpu cpu, Insn* d, uint raw)
    {
        if (!cpu.Model.IsV6) return &Miscellaneous.Undefined;
        uint op2 = Bits(raw, 7, 5);
        switch (Bits(raw, 24, 23))
        {
            case 0b00:
            {
                // Parallel add/subtract: bits 22:20 pick the flavour, 7:5 the operation.
                int flavour = Bits(raw, 22, 20) switch { 1 => 0, 2 => 1, 3 => 2, 5 => 3, 6 => 4, 7 => 5, _ => -1 };
                if (flavour < 0) return &Miscellaneous.Undefined;
                return Media.ParallelTable[flavour * 8 + (int)op2];
            }
            case 0b01:
                return DecodePackSaturateReverse(d, raw, op2);
            case 0b10:
                return DecodeSignedMultiply(d, raw, op2);
            default:
                if (Bits(raw, 22, 20) == 0 && op2 == 0)
                {
                    MultiplyFields(d, raw);
                    return d->Rs == 15 ? &Media.Usad8 : &Media.Usada8;
                }
                return &Miscellaneous.Undefined;
        }
    }

    static void MultiplyFields(Insn* d, uint raw)
    {
        d->Rd = (byte)Bits(raw, 19, 16);
        d->Rs = (byte)Bits(raw, 15, 12);
        d->Rm = (byte)Bits(raw, 11, 8);
        d->Rn = (byte)Bits(raw, 3, 0);
    }

    static delegate*<ArmCpu, Insn*, void> DecodePackSaturateReverse(Insn* d, uint raw, uint op2)
    {
        uint op1 = Bits(raw, 22, 20);
        if ((op2 & 1) == 0)
        {
            // PKH (op1 000) and SSAT/USAT (op1 01x / 11x).
            uint imm5 = Bits(raw, 11, 7);
            if (op1 == 0)
            {
                if (!Bit(raw, 6))
                {
                    d->ShiftAmount = (byte)imm5;
                    return &Media.Pkhbt;
                }
                d->ShiftAmount = (byte)(imm5 == 0 ? 32 : imm5);
                return &Media.Pkhtb;
            }
            if ((op1 & 2) == 0) return &Miscellaneous.Undefined;
            d->Rn = (byte)(raw & 15);
            d->ShiftType = Bit(raw, 6) ? ShiftKind.Asr : ShiftKind.Lsl;
            d->ShiftAmount = (byte)(Bit(raw, 6) && imm5 == 0 ? 32 : imm5);
            uint sat = Bits(raw, 20, 16);
            if ((op1 & 4) == 0)
            {
                d->Imm = sat + 1;
                return &Media.Ssat;
            }
            d->Imm = sat;
            return &Media.Usat;
        }

        bool accumulate = Bits(raw, 19, 16) != 15;
        d->ShiftAmount = (byte)(Bits(raw, 11, 10) * 8);
        switch (op1, op2)
        {
            case (0b000, 0b011): return accumulate ? &Media.Sxtab16 : &Media.Sxtb16;
            case (0b000, 0b101): return &Media.Sel;
            case (0b010, 0b001):
                d->Rn = (byte)(raw & 15);
                d->Imm = Bits(raw, 19, 16) + 1;
                return &Media.Ssat16;
            case (0b010, 0b011): return accumulate ? &Media.Sxtab : &Media.Sxtb;
            case (0b011, 0b001): return &Media.Rev;
            case (0b011, 0b011): return accumulate ? &Media.Sxtah : &Media.Sxth;
            case (0b011, 0b101): return &Media.Rev16;
            case (0b100, 0b011): return accumulate ? &Media.Uxtab16 : &Media.Uxtb16;
            case (0b110, 0b001):
                d->Rn = (byte)(raw & 15);
                d->Imm = Bits(raw, 19, 16);
                return &Media.Usat16;
            case (0b110, 0b011): return accumulate ? &Media.Uxtab : &Media.Uxtb;
            case (0b111, 0b011): return accumulate ? &Media.Uxtah : &Media.Uxth;
            case (0b111, 0b101): return &Media.Revsh;
            default: return &Miscellaneous.Undefined;
        }
    }

    static delegate*<ArmCpu, Insn*, void> DecodeSignedMultiply(Insn* d, uint raw, uint op2)
    {
        MultiplyFields(d, raw);
        d->Extra = (byte)(Bit(raw, 5) ? 1 : 0);
        bool noAccumulate = d->Rs == 15;
        switch (Bits(raw, 22, 20))
        {
            case 0b000:
                if (op2 >> 1 == 0) return noAccumulate ? &Media.Smuad : &Media.Smlad;
                if (op2 >> 1 == 1) return noAccumulate ? &Media.Smusd : &Media.Smlsd;
                break;
            case 0b100:
                if (op2 >> 1 == 0) return &Media.Smlald;
                if (op2 >> 1 == 1) return &Media.Smlsld;
                break;
            case 0b101:
                if (op2 >> 1 == 0) return noAccumulate ? &Media.Smmul : &Media.Smmla;
                if (op2 >> 1 == 3) return &Media.Smmls;
                break;
        }
        return &Miscellaneous.Undefined;
    }
}
