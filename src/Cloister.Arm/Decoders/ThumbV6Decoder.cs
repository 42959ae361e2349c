namespace Cloister.Arm;

/// <summary>The ARMv6 additions to Thumb's miscellaneous space (1011 xxxx): SXTH/SXTB/UXTH/UXTB,
/// CPS, SETEND and REV/REV16/REVSH. (CPY is the low-register MOV form, decoded already.)</summary>
internal static unsafe class ThumbV6Decoder
{
    static uint Bits(uint v, int hi, int lo) => (v >> lo) & ((1u << (hi - lo + 1)) - 1);

    public static delegate*<ArmCpu, Insn*, void> DecodeMiscellaneous(ArmCpu cpu, Insn* d, uint raw)
    {
        if (!cpu.Model.IsV6) return &Miscellaneous.Undefined;
        d->Rd = (byte)(raw & 7);
        d->Rm = (byte)Bits(raw, 5, 3);
        switch (Bits(raw, 11, 8))
        {
            case 0b0010:
                return Bits(raw, 7, 6) switch
                {
                    0 => &Media.Sxth,
                    1 => &Media.Sxtb,
                    2 => &Media.Uxth,
                    _ => &Media.Uxtb,
                };
            case 0b0110:
                if ((raw & 0xFFE8) == 0xB660)
                {
                    // CPSIE/CPSID: bit 4 = disable, bits 2:0 = A I F.
                    d->Imm = (raw & 7) << 6;
                    d->Extra = (byte)((raw >> 4) & 1);
                    d->Rs = 0;
                    return &SystemV6.Cps;
                }
                if ((raw & 0xFFF7) == 0xB650)
                {
                    d->Extra = (byte)((raw >> 3) & 1);
                    return &SystemV6.Setend;
                }
                break;
            case 0b1010:
                return Bits(raw, 7, 6) switch
                {
                    0 => &Media.Rev,
                    1 => &Media.Rev16,
                    3 => &Media.Revsh,
                    _ => &Miscellaneous.Undefined,
                };
        }
        return &Miscellaneous.Undefined;
    }
}
