using static Cloister.Arm.Disassembly.Operands;

namespace Cloister.Arm.Disassembly;

/// <summary>Data-processing instructions with every operand-2 form, including UAL shift aliases of MOV.</summary>
internal static class ArmDataProcessing
{
    static readonly string[] Names =
        ["and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq", "cmp", "cmn", "orr", "mov", "bic", "mvn"];

    public static string Disassemble(uint raw)
    {
        if (raw == 0xE1A00000) return "nop";
        uint op = Bits(raw, 24, 21);
        bool s = Bit(raw, 20);
        string cond = Cond(raw);
        string rd = R(raw, 12), rn = R(raw, 16);
        bool compare = op is >= 8 and <= 11;
        bool move = op is 13 or 15;

        // MOV with a shift is printed as the shift instruction (lsl/lsr/asr/ror/rrx).
        if (op == 13 && !Bit(raw, 25) && (Bits(raw, 11, 4) != 0))
        {
            uint type = Bits(raw, 6, 5);
            string name;
            string operands;
            if (Bit(raw, 4))
            {
                name = ShiftName(type);
                operands = $"{rd}, {R(raw, 0)}, {R(raw, 8)}";
            }
            else
            {
                uint amount = Bits(raw, 11, 7);
                if (amount == 0 && type == 3) { name = "rrx"; operands = $"{rd}, {R(raw, 0)}"; }
                else { name = ShiftName(type); operands = $"{rd}, {R(raw, 0)}, #{(amount == 0 ? 32 : amount)}"; }
            }
            return Op(name + (s ? "s" : "") + cond, operands);
        }

        string operand2 = Operand2(raw);
        string mnemonic = Names[op] + (s && !compare ? "s" : "") + cond;
        if (compare) return Op(mnemonic, $"{rn}, {operand2}");
        if (move) return Op(mnemonic, $"{rd}, {operand2}");
        return Op(mnemonic, $"{rd}, {rn}, {operand2}");
    }

    /// <summary>Shifter operand: rotated immediate, shifted-by-immediate or shifted-by-register Rm.</summary>
    public static string Operand2(uint raw)
    {
        if (Bit(raw, 25)) return RotatedImmediate(raw);
        if (Bit(raw, 4)) return $"{R(raw, 0)}, {ShiftName(Bits(raw, 6, 5))} {R(raw, 8)}";
        return ShiftedByImmediate(raw);
    }

    /// <summary>
    /// The value in decimal; when the same value has an encoding with a smaller rotation, the
    /// assembler could not have produced this one, so the raw "#imm8, rot" pair is shown instead.
    /// </summary>
    public static string RotatedImmediate(uint raw)
    {
        int rotate = (int)Bits(raw, 11, 8) * 2;
        uint imm = raw & 0xFF;
        uint value = Ror(imm, rotate);
        int smallest = 0;
        while (smallest < 32 && Ror(value, (32 - smallest) & 31) > 0xFF) smallest += 2;
        if (smallest != rotate) return $"#{imm}, {rotate}";
        return "#" + Signed(value);
    }
}
