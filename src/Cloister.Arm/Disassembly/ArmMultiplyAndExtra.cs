using static Cloister.Arm.Disassembly.Operands;

namespace Cloister.Arm.Disassembly;

/// <summary>cond 000x with bits 7 and 4 set: multiplies, SWP, LDREX/STREX family, halfword/signed/doubleword transfers.</summary>
internal static class ArmMultiplyAndExtra
{
    static readonly string[] LongMultiplies = ["umull", "umlal", "smull", "smlal"];

    public static string Disassemble(uint raw, uint pc)
    {
        string cond = Cond(raw);
        uint sh = Bits(raw, 6, 5);
        if (sh == 0)
        {
            if (!Bit(raw, 24)) return Multiply(raw, cond);
            if ((raw & 0x00B00F00) == 0) return Op("swp" + (Bit(raw, 22) ? "b" : "") + cond, $"{R(raw, 12)}, {R(raw, 0)}, [{R(raw, 16)}]");
            if (Bit(raw, 23)) return Exclusive(raw, cond);
            return ArmDisassembler.Undefined(raw);
        }
        return ArmLoadStore.Extra(raw, pc, sh);
    }

    static string Multiply(uint raw, string cond)
    {
        string s = Bit(raw, 20) ? "s" : "";
        string rd = R(raw, 16), rn = R(raw, 12), rm = R(raw, 0), rs = R(raw, 8);
        uint op = Bits(raw, 23, 21);
        return op switch
        {
            0 => Op("mul" + s + cond, $"{rd}, {rm}, {rs}"),
            1 => Op("mla" + s + cond, $"{rd}, {rm}, {rs}, {rn}"),
            2 when s.Length == 0 => Op("umaal" + cond, $"{rn}, {rd}, {rm}, {rs}"),
            >= 4 => Op(LongMultiplies[op - 4] + s + cond, $"{rn}, {rd}, {rm}, {rs}"),
            _ => ArmDisassembler.Undefined(raw),
        };
    }

    /// <summary>LDREX/STREX with word, doubleword, byte and halfword sizes (bits 22:21).</summary>
    static string Exclusive(uint raw, string cond)
    {
        string[] sizes = ["", "d", "b", "h"];
        string size = sizes[Bits(raw, 22, 21)];
        string rn = R(raw, 16);
        if (Bit(raw, 20)) return Op("ldrex" + size + cond, $"{R(raw, 12)}, [{rn}]");
        // objdump names only the first register of the LDREXD/STREXD pair.
        return Op("strex" + size + cond, $"{R(raw, 12)}, {R(raw, 0)}, [{rn}]");
    }
}
