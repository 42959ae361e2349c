using static Cloister.Arm.Disassembly.Operands;

namespace Cloister.Arm.Disassembly;

/// <summary>Coprocessor space: SVC, MCR/MRC, MCRR/MRRC, CDP, LDC/STC; cp10/cp11 go to the VFP disassembler.</summary>
internal static class ArmCoprocessor
{
    public static string Disassemble(uint raw, uint pc)
    {
        if (Bits(raw, 27, 24) == 0b1111) return Op("svc" + Cond(raw), $"0x{raw & 0xFFFFFF:x8}");
        if (Bits(raw, 11, 9) == 0b101)
        {
            string? vfp = VfpDisassembler.Disassemble(raw, pc);
            if (vfp != null) return vfp;
        }
        return Generic(raw, Cond(raw));
    }

    /// <summary>objdump reads a PC base as a literal and leaves out the (unpredictable) writeback mark.</summary>
    static string Writeback(uint raw) => Bit(raw, 21) && Bits(raw, 19, 16) != 15 ? "!" : "";

    /// <summary>Generic coprocessor syntax; suffix is the condition, or "2" for the unconditional forms.</summary>
    public static string Generic(uint raw, string suffix)
    {
        uint cp = Bits(raw, 11, 8);
        string crd = "cr" + Bits(raw, 15, 12), crn = "cr" + Bits(raw, 19, 16), crm = "cr" + (raw & 15);
        if (Bits(raw, 27, 24) == 0b1110)
        {
            if (!Bit(raw, 4)) return Op("cdp" + suffix, $"{cp}, {Bits(raw, 23, 20)}, {crd}, {crn}, {crm}, {{{Bits(raw, 7, 5)}}}");
            string rt = R(raw, 12);
            if (Bit(raw, 20) && Bits(raw, 15, 12) == 15 && suffix != "2") rt = "APSR_nzcv";
            return Op((Bit(raw, 20) ? "mrc" : "mcr") + suffix, $"{cp}, {Bits(raw, 23, 21)}, {rt}, {crn}, {crm}, {{{Bits(raw, 7, 5)}}}");
        }
        if ((raw & 0x0FE00000) == 0x0C400000)
            return Op((Bit(raw, 20) ? "mrrc" : "mcrr") + suffix, $"{cp}, {Bits(raw, 7, 4)}, {R(raw, 12)}, {R(raw, 16)}, {crm}");
        // LDC/STC: imm8 * 4, or the unindexed form with an option field.
        bool pre = Bit(raw, 24), writeback = Bit(raw, 21);
        // The L (long) letter goes after "2" but before a condition: ldc2l, ldcleq.
        string name = (Bit(raw, 20) ? "ldc" : "stc") + (suffix == "2" ? "2" : "") + (Bit(raw, 22) ? "l" : "") + (suffix == "2" ? "" : suffix);
        string rn = R(raw, 16);
        uint offset = (raw & 0xFF) * 4;
        string imm = "#" + (Bit(raw, 23) ? "" : "-") + offset;
        string address = !pre && !writeback ? $"[{rn}], {{{raw & 0xFF}}}"
            : !pre ? $"[{rn}], {imm}"
            : offset == 0 && Bit(raw, 23) ? $"[{rn}]{Writeback(raw)}" : $"[{rn}, {imm}]{Writeback(raw)}";
        return Op(name, $"{cp}, {crd}, {address}");
    }
}
