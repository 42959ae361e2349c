using static Cloister.Arm.Disassembly.Operands;

namespace Cloister.Arm.Disassembly;

/// <summary>cond = 1111: BLX immediate, PLD, CPS, SETEND, SRS, RFE, CLREX and the "2" coprocessor forms.</summary>
internal static class ArmUnconditional
{
    static readonly string[] Modes = ["da", "ia", "db", "ib"];

    public static string Disassemble(uint raw, uint pc)
    {
        if (Bits(raw, 27, 25) == 0b101)
            return Op("blx", Hex(pc + 8 + (uint)((int)(raw << 8) >> 6) + (Bits(raw, 24, 24) << 1)));
        if ((raw & 0x0D70F000) == 0x0550F000) return Pld(raw);
        if (raw == 0xF57FF01F) return "clrex";
        if ((raw & 0xFFF1FE20) == 0xF1000000) return Cps(raw);
        if ((raw & 0xFFFFFDFF) == 0xF1010000) return Op("setend", Bit(raw, 9) ? "be" : "le");
        if ((raw & 0x0E5FFFE0) == 0x084D0500)
            return Op("srs" + Modes[Bits(raw, 24, 23)], $"sp{(Bit(raw, 21) ? "!" : "")}, #{raw & 31}");
        if ((raw & 0x0E50FFFF) == 0x08100A00)
            return Op("rfe" + Modes[Bits(raw, 24, 23)], R(raw, 16) + (Bit(raw, 21) ? "!" : ""));
        if (Bits(raw, 27, 25) is 0b110 or 0b111) return ArmCoprocessor.Generic(raw, "2");
        return ArmDisassembler.Undefined(raw);
    }

    static string Pld(uint raw)
    {
        string rn = R(raw, 16), sign = Bit(raw, 23) ? "" : "-";
        if (Bit(raw, 25)) return Op("pld", $"[{rn}, {sign}{ShiftedByImmediate(raw)}]");
        uint offset = raw & 0xFFF;
        return Op("pld", offset == 0 && sign.Length == 0 ? $"[{rn}]" : $"[{rn}, #{sign}{offset}]");
    }

    /// <summary>CPSIE/CPSID with the a/i/f letters, optionally with a mode; CPS with only a mode.</summary>
    static string Cps(uint raw)
    {
        uint imod = Bits(raw, 19, 18);
        string mode = Bit(raw, 17) ? $"#{raw & 31}" : "";
        if (imod < 2) return Op("cps", mode);
        string flags = (Bit(raw, 8) ? "a" : "") + (Bit(raw, 7) ? "i" : "") + (Bit(raw, 6) ? "f" : "");
        return Op(imod == 2 ? "cpsie" : "cpsid", flags + (mode.Length > 0 ? "," + mode : ""));
    }
}
