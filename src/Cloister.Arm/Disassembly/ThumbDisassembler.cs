using static Cloister.Arm.Disassembly.Operands;

namespace Cloister.Arm.Disassembly;

/// <summary>
/// Thumb-1 (ARMv5TE) plus the ARMv6 additions, in objdump's unified syntax. BL/BLX are decoded
/// by the CPU as two separate halfwords, so each half is shown on its own: the prefix as
/// "bl.prefix lr = 0x…" (the value it leaves in LR) and the suffix as "bl.suffix lr + #0x…" /
/// "blx.suffix lr + #0x…"; <see cref="Pair"/> renders the joined pair as objdump does.
/// </summary>
internal static class ThumbDisassembler
{
    static readonly string[] AluNames =
        ["ands", "eors", "lsls", "lsrs", "asrs", "adcs", "sbcs", "rors", "tst", "negs", "cmp", "cmn", "orrs", "muls", "bics", "mvns"];
    static readonly string[] RegisterOffsetNames = ["str", "strh", "strb", "ldrsb", "ldr", "ldrh", "ldrb", "ldrsh"];
    static readonly string[] ShiftNames = ["lsls", "lsrs", "asrs"];

    static string Low(uint raw, int lo) => R((raw >> lo) & 7);

    public static string Disassemble(uint raw, uint pc)
    {
        string rd = Low(raw, 0), rn = Low(raw, 3), r8 = Low(raw, 8);
        uint imm5 = Bits(raw, 10, 6), imm8 = raw & 0xFF;
        switch (raw >> 11)
        {
            case 0 or 1 or 2:
                if (raw >> 11 == 0 && imm5 == 0) return Op("movs", $"{rd}, {rn}");
                return Op(ShiftNames[raw >> 11], $"{rd}, {rn}, #{(imm5 == 0 ? 32 : imm5)}");
            case 3:
                string name = Bit(raw, 9) ? "subs" : "adds";
                string third = Bit(raw, 10) ? $"#{Bits(raw, 8, 6)}" : Low(raw, 6);
                return Op(name, $"{rd}, {rn}, {third}");
            case 4: return Op("movs", $"{r8}, #{imm8}");
            case 5: return Op("cmp", $"{r8}, #{imm8}");
            case 6: return Op("adds", $"{r8}, #{imm8}");
            case 7: return Op("subs", $"{r8}, #{imm8}");
            case 8:
                if (!Bit(raw, 10)) return Op(AluNames[Bits(raw, 9, 6)], $"{rd}, {rn}");
                return HighRegister(raw);
            case 9: return Op("ldr", $"{r8}, [pc, #{imm8 * 4}]");
            case 10 or 11: return Op(RegisterOffsetNames[Bits(raw, 11, 9)], $"{rd}, [{rn}, {Low(raw, 6)}]");
            case 12: return Op("str", $"{rd}, [{rn}, #{imm5 * 4}]");
            case 13: return Op("ldr", $"{rd}, [{rn}, #{imm5 * 4}]");
            case 14: return Op("strb", $"{rd}, [{rn}, #{imm5}]");
            case 15: return Op("ldrb", $"{rd}, [{rn}, #{imm5}]");
            case 16: return Op("strh", $"{rd}, [{rn}, #{imm5 * 2}]");
            case 17: return Op("ldrh", $"{rd}, [{rn}, #{imm5 * 2}]");
            case 18: return Op("str", $"{r8}, [sp, #{imm8 * 4}]");
            case 19: return Op("ldr", $"{r8}, [sp, #{imm8 * 4}]");
            case 20: return Op("add", $"{r8}, pc, #{imm8 * 4}");
            case 21: return Op("add", $"{r8}, sp, #{imm8 * 4}");
            case 22 or 23: return ThumbMiscellaneous.Disassemble(raw);
            case 24: return Op("stmia", $"{r8}!, {RegisterList(imm8)}");
            case 25: return Op("ldmia", $"{r8}{((imm8 >> (int)Bits(raw, 10, 8) & 1) == 0 ? "!" : "")}, {RegisterList(imm8)}");
            case 26 or 27:
                uint cond = Bits(raw, 11, 8);
                if (cond == 15) return Op("svc", imm8.ToString());
                if (cond == 14) return Op("udf", $"#{imm8}");
                return Op("b" + Conditions[cond] + ".n", Hex(pc + 4 + (uint)((int)(raw << 24) >> 23)));
            case 28: return Op("b.n", Hex(pc + 4 + (uint)((int)(raw << 21) >> 20)));
            case 29: return Op("blx.suffix", $"lr + #0x{(raw & 0x7FF) << 1:x}");
            case 30: return Op("bl.prefix", $"lr = {Hex(pc + 4 + (uint)((int)(raw << 21) >> 9))}");
            default: return Op("bl.suffix", $"lr + #0x{(raw & 0x7FF) << 1:x}");
        }
    }

    /// <summary>ADD/CMP/MOV on any registers, BX and BLX (register).</summary>
    static string HighRegister(uint raw)
    {
        string rd = R(Bits(raw, 2, 0) | (Bits(raw, 7, 7) << 3)), rm = R(raw, 3);
        return Bits(raw, 9, 8) switch
        {
            0 => Op("add", $"{rd}, {rm}"),
            2 when (raw & 0xFF) == 0xC0 => "nop", // mov r8, r8: the traditional Thumb NOP
            1 => Op("cmp", $"{rd}, {rm}"),
            2 => Op("mov", $"{rd}, {rm}"),
            _ => Op(Bit(raw, 7) ? "blx" : "bx", rm),
        };
    }

    /// <summary>A BL/BLX prefix+suffix pair as one instruction with its absolute target (objdump's view).</summary>
    public static string Pair(uint prefix, uint suffix, uint pc)
    {
        uint offset = (uint)((int)(prefix << 21) >> 9) + ((suffix & 0x7FF) << 1);
        uint target = pc + 4 + offset;
        if ((suffix >> 11) == 29) return Op("blx", Hex(target & ~3u));
        return Op("bl", Hex(target));
    }
}
