using static Cloister.Arm.Disassembly.Operands;

namespace Cloister.Arm.Disassembly;

/// <summary>ARMv6 media space (cond 011x ... xxx1): parallel add/sub, pack, saturate, extend, reverse, SIMD multiplies, UDF.</summary>
internal static class ArmMedia
{
    static readonly string[] ParallelPrefixes = ["", "s", "q", "sh", "", "u", "uq", "uh"];
    static readonly string[] ParallelOps = ["add16", "asx", "sax", "sub16", "add8", "", "", "sub8"];
    static readonly string[] Extends = ["sxtb16", "", "sxtb", "sxth", "uxtb16", "", "uxtb", "uxth"];
    static readonly string[] ExtendAccumulates = ["sxtab16", "", "sxtab", "sxtah", "uxtab16", "", "uxtab", "uxtah"];

    public static string Disassemble(uint raw)
    {
        string cond = Cond(raw);
        uint op1 = Bits(raw, 24, 20), op2 = Bits(raw, 7, 5);
        string rd = R(raw, 12), rn = R(raw, 16), rm = R(raw, 0);
        switch (Bits(raw, 24, 23))
        {
            case 0:
                string prefix = ParallelPrefixes[Bits(raw, 22, 20)], op = ParallelOps[op2];
                if (prefix.Length == 0 || op.Length == 0) break;
                return Op(prefix + op + cond, $"{rd}, {rn}, {rm}");
            case 1:
                return PackSaturateExtend(raw, op1, op2, cond, rd, rn, rm);
            case 2:
                return SignedMultiply(raw, op1, op2, cond);
            default:
                if (op1 == 0b11000 && op2 == 0)
                {
                    string a = R(raw, 8);
                    return Bits(raw, 15, 12) == 15
                        ? Op("usad8" + cond, $"{R(raw, 16)}, {rm}, {a}")
                        : Op("usada8" + cond, $"{R(raw, 16)}, {rm}, {a}, {rd}");
                }
                if (op1 == 0b11111 && op2 == 7 && raw >> 28 == 14) return Op("udf", $"#{(Bits(raw, 19, 8) << 4) | (raw & 15)}");
                break;
        }
        return ArmDisassembler.Undefined(raw);
    }

    static string PackSaturateExtend(uint raw, uint op1, uint op2, string cond, string rd, string rn, string rm)
    {
        uint shift = Bits(raw, 11, 7);
        if (op1 == 0b01000 && (op2 & 1) == 0)
        {
            if (Bit(raw, 6)) return Op("pkhtb" + cond, $"{rd}, {rn}, {rm}, asr #{(shift == 0 ? 32 : shift)}");
            return Op("pkhbt" + cond, $"{rd}, {rn}, {rm}" + (shift == 0 ? "" : $", lsl #{shift}"));
        }
        if ((op1 & 0b11010) == 0b01010 && (op2 & 1) == 0)
        {
            bool unsigned = Bit(raw, 22);
            uint sat = Bits(raw, 20, 16) + (unsigned ? 0u : 1u);
            // objdump shows the raw field for ASR here ("asr #0" means a shift by 32).
            string shifted = Bit(raw, 6) ? $", asr #{shift}" : shift == 0 ? "" : $", lsl #{shift}";
            return Op((unsigned ? "usat" : "ssat") + cond, $"{rd}, #{sat}, {rm}{shifted}");
        }
        if (op1 == 0b01010 && op2 == 1) return Op("ssat16" + cond, $"{rd}, #{Bits(raw, 19, 16) + 1}, {rm}");
        if (op1 == 0b01110 && op2 == 1) return Op("usat16" + cond, $"{rd}, #{Bits(raw, 19, 16)}, {rm}");
        if (op2 == 3)
        {
            uint kind = Bits(raw, 22, 20);
            if (Extends[kind].Length == 0) return ArmDisassembler.Undefined(raw);
            uint rotate = Bits(raw, 11, 10) * 8;
            string ror = rotate == 0 ? "" : $", ror #{rotate}";
            if (Bits(raw, 19, 16) == 15) return Op(Extends[kind] + cond, $"{rd}, {rm}{ror}");
            return Op(ExtendAccumulates[kind] + cond, $"{rd}, {rn}, {rm}{ror}");
        }
        if (op1 == 0b01000 && op2 == 5) return Op("sel" + cond, $"{rd}, {rn}, {rm}");
        if (op1 == 0b01011 && op2 == 1) return Op("rev" + cond, $"{rd}, {rm}");
        if (op1 == 0b01011 && op2 == 5) return Op("rev16" + cond, $"{rd}, {rm}");
        if (op1 == 0b01111 && op2 == 5) return Op("revsh" + cond, $"{rd}, {rm}");
        return ArmDisassembler.Undefined(raw);
    }

    static string SignedMultiply(uint raw, uint op1, uint op2, string cond)
    {
        string rd = R(raw, 16), ra = R(raw, 12), rn = R(raw, 0), rm = R(raw, 8);
        bool noAccumulate = Bits(raw, 15, 12) == 15;
        string x = Bit(raw, 5) ? "x" : "";
        switch (op1)
        {
            case 0b10000 when op2 < 4:
                if (Bit(raw, 6))
                    return noAccumulate ? Op("smusd" + x + cond, $"{rd}, {rn}, {rm}") : Op("smlsd" + x + cond, $"{rd}, {rn}, {rm}, {ra}");
                return noAccumulate ? Op("smuad" + x + cond, $"{rd}, {rn}, {rm}") : Op("smlad" + x + cond, $"{rd}, {rn}, {rm}, {ra}");
            case 0b10100 when op2 < 4:
                return Op((Bit(raw, 6) ? "smlsld" : "smlald") + x + cond, $"{ra}, {rd}, {rn}, {rm}");
            case 0b10101:
                string r = Bit(raw, 5) ? "r" : "";
                if (op2 < 2) return noAccumulate ? Op("smmul" + r + cond, $"{rd}, {rn}, {rm}") : Op("smmla" + r + cond, $"{rd}, {rn}, {rm}, {ra}");
                if (op2 is 6 or 7) return Op("smmls" + r + cond, $"{rd}, {rn}, {rm}, {ra}");
                break;
        }
        return ArmDisassembler.Undefined(raw);
    }
}
