using static Cloister.Arm.Disassembly.Operands;

namespace Cloister.Arm.Disassembly;

/// <summary>Thumb 1011 xxxx: SP adjust, PUSH/POP, BKPT and the ARMv6 extend/reverse/CPS/SETEND encodings, hints.</summary>
internal static class ThumbMiscellaneous
{
    static readonly string[] Extends = ["sxth", "sxtb", "uxth", "uxtb"];
    static readonly string[] Reverses = ["rev", "rev16", "", "revsh"];
    static readonly string[] Hints = ["nop", "yield", "wfe", "wfi", "sev"];

    public static string Disassemble(uint raw)
    {
        string rd = R(raw & 7), rm = R(Bits(raw, 5, 3));
        uint imm7 = (raw & 0x7F) * 4;
        switch (Bits(raw, 11, 8))
        {
            case 0: return Op(Bit(raw, 7) ? "sub" : "add", $"sp, #{imm7}");
            case 2: return Op(Extends[Bits(raw, 7, 6)], $"{rd}, {rm}");
            case 4 or 5: return Op("push", RegisterList((raw & 0xFF) | (Bit(raw, 8) ? 1u << 14 : 0)));
            case 12 or 13: return Op("pop", RegisterList((raw & 0xFF) | (Bit(raw, 8) ? 1u << 15 : 0)));
            case 6:
                if ((raw & 0xFFF7) == 0xB650) return Op("setend", Bit(raw, 3) ? "be" : "le");
                if ((raw & 0xFFE8) == 0xB660)
                {
                    string flags = (Bit(raw, 2) ? "a" : "") + (Bit(raw, 1) ? "i" : "") + (Bit(raw, 0) ? "f" : "");
                    return Op(Bit(raw, 4) ? "cpsid" : "cpsie", flags);
                }
                break;
            case 10:
                string rev = Reverses[Bits(raw, 7, 6)];
                if (rev.Length > 0) return Op(rev, $"{rd}, {rm}");
                break;
            case 14: return Op("bkpt", $"0x{raw & 0xFF:x4}");
            case 15:
                // Hint space (Thumb-2 in the architecture; objdump shows it for ARMv6K too). bfxy with y != 0 is IT.
                if ((raw & 0xF) == 0) return Bits(raw, 7, 4) < 5 ? Hints[Bits(raw, 7, 4)] : Op("nop", $"{{{Bits(raw, 7, 4)}}}");
                break;
        }
        return $"<UNDEFINED> instruction: 0x{raw:x4}";
    }
}
