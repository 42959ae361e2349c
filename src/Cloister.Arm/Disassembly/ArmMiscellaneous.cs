using static Cloister.Arm.Disassembly.Operands;

namespace Cloister.Arm.Disassembly;

/// <summary>The miscellaneous space (cond 0001 0xx0): status registers, BX family, CLZ, saturating and 16-bit DSP ops, BKPT, SMC, hints.</summary>
internal static class ArmMiscellaneous
{
    static readonly string[] Halves = ["b", "t"];

    public static string Disassemble(uint raw)
    {
        string cond = Cond(raw);
        uint op = Bits(raw, 22, 21);
        if (Bit(raw, 7)) return SignedHalfwordMultiply(raw, op, cond);
        switch (Bits(raw, 6, 4))
        {
            case 0:
                if (Bit(raw, 21)) return Op("msr" + cond, $"{StatusFields(raw)}, {R(raw, 0)}");
                return Op("mrs" + cond, $"{R(raw, 12)}, {(Bit(raw, 22) ? "SPSR" : "CPSR")}");
            case 1:
                if (op == 1) return Op("bx" + cond, R(raw, 0));
                if (op == 3) return Op("clz" + cond, $"{R(raw, 12)}, {R(raw, 0)}");
                break;
            case 2:
                if (op == 1) return Op("bxj" + cond, R(raw, 0));
                break;
            case 3:
                if (op == 1) return Op("blx" + cond, R(raw, 0));
                break;
            case 5:
                string[] q = ["qadd", "qsub", "qdadd", "qdsub"];
                return Op(q[op] + cond, $"{R(raw, 12)}, {R(raw, 0)}, {R(raw, 16)}");
            case 7:
                if (op == 1) return Op("bkpt", $"0x{(Bits(raw, 19, 8) << 4) | (raw & 15):x4}");
                if (op == 3) return Op("smc" + cond, Hex(raw & 15));
                break;
        }
        return ArmDisassembler.Undefined(raw);
    }

    static string SignedHalfwordMultiply(uint raw, uint op, string cond)
    {
        string x = Halves[Bits(raw, 5, 5)], y = Halves[Bits(raw, 6, 6)];
        string rd = R(raw, 16), rn = R(raw, 12), rm = R(raw, 0), rs = R(raw, 8);
        return op switch
        {
            0 => Op($"smla{x}{y}{cond}", $"{rd}, {rm}, {rs}, {rn}"),
            1 => Bit(raw, 5) ? Op($"smulw{y}{cond}", $"{rd}, {rm}, {rs}") : Op($"smlaw{y}{cond}", $"{rd}, {rm}, {rs}, {rn}"),
            2 => Op($"smlal{x}{y}{cond}", $"{rn}, {rd}, {rm}, {rs}"),
            _ => Op($"smul{x}{y}{cond}", $"{rd}, {rm}, {rs}"),
        };
    }

    /// <summary>MSR target: CPSR_/SPSR_ and the field letters f, s, x, c in objdump's order.</summary>
    public static string StatusFields(uint raw)
    {
        string fields = (Bit(raw, 19) ? "f" : "") + (Bit(raw, 18) ? "s" : "") + (Bit(raw, 17) ? "x" : "") + (Bit(raw, 16) ? "c" : "");
        return (Bit(raw, 22) ? "SPSR_" : "CPSR_") + fields;
    }

    /// <summary>cond 0011 0x10: MSR immediate, or with an empty mask on CPSR the ARMv6K hints.</summary>
    public static string MsrImmediateOrHint(uint raw)
    {
        string cond = Cond(raw);
        if (!Bit(raw, 21)) return ArmDisassembler.Undefined(raw);
        if ((raw & 0x0FFFFF00) == 0x0320F000)
        {
            uint hint = raw & 0xFF;
            return hint switch
            {
                0 => Op("nop" + cond, "{0}"),
                1 => "yield" + cond,
                2 => "wfe" + cond,
                3 => "wfi" + cond,
                4 => "sev" + cond,
                _ => Op("nop" + cond, "{" + hint + "}"),
            };
        }
        // Without a field mask or with Rd != 1111 objdump reads the word as TST/TEQ/CMP/CMN without S.
        if (Bits(raw, 19, 16) == 0 || Bits(raw, 15, 12) != 15)
        {
            string[] compares = ["tst", "teq", "cmp", "cmn"];
            return Op(compares[Bits(raw, 22, 21)] + cond, $"{R(raw, 16)}, {ArmDataProcessing.RotatedImmediate(raw)}");
        }
        return Op("msr" + cond, $"{StatusFields(raw)}, {ArmDataProcessing.RotatedImmediate(raw)}");
    }
}
