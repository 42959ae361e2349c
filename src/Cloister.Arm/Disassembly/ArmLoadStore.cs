using static Cloister.Arm.Disassembly.Operands;

namespace Cloister.Arm.Disassembly;

/// <summary>LDR/STR (word, byte, T forms), halfword/signed/doubleword transfers and LDM/STM.</summary>
internal static class ArmLoadStore
{
    // objdump spells increment-after "ldm", and "stm" only without writeback or ^ (else "stmia").
    static readonly string[] LoadModes = ["da", "", "db", "ib"];
    static readonly string[] StoreModes = ["da", "ia", "db", "ib"];

    public static string Word(uint raw, uint pc)
    {
        bool pre = Bit(raw, 24), writeback = Bit(raw, 21);
        // Single-register PUSH/POP: str rX, [sp, #-4]! and ldr rX, [sp], #4.
        if ((raw & 0x0FFF0FFF) == 0x052D0004) return Op("push" + Cond(raw), $"{{{R(raw, 12)}}}");
        if ((raw & 0x0FFF0FFF) == 0x049D0004) return Op("pop" + Cond(raw), $"{{{R(raw, 12)}}}");
        string name = (Bit(raw, 20) ? "ldr" : "str") + (Bit(raw, 22) ? "b" : "") + (!pre && writeback ? "t" : "") + Cond(raw);
        string rn = R(raw, 16);
        string sign = Bit(raw, 23) ? "" : "-";
        string address;
        if (Bit(raw, 25))
        {
            string offset = sign + ShiftedByImmediate(raw);
            address = pre ? $"[{rn}, {offset}]{(writeback ? "!" : "")}" : $"[{rn}], {offset}";
        }
        else
        {
            address = ImmediateAddress(rn, raw & 0xFFF, Bit(raw, 23), pre, writeback);
        }
        return Op(name, $"{R(raw, 12)}, {address}");
    }

    /// <summary>[rn, #off]{!} or [rn], #off; a zero pre-indexed offset is omitted unless negative.</summary>
    static string ImmediateAddress(string rn, uint offset, bool up, bool pre, bool writeback)
    {
        string imm = "#" + (up ? "" : "-") + offset;
        if (!pre) return $"[{rn}], {imm}";
        if (offset == 0 && up) return $"[{rn}]{(writeback ? "!" : "")}";
        return $"[{rn}, {imm}]{(writeback ? "!" : "")}";
    }

    /// <summary>Halfword, signed byte/halfword and doubleword forms (sh = bits 6:5).</summary>
    public static string Extra(uint raw, uint pc, uint sh)
    {
        bool load = Bit(raw, 20), pre = Bit(raw, 24), writeback = Bit(raw, 21);
        // With L clear, sh = 2/3 are LDRD/STRD (a load and a store despite the L bit).
        string name = sh switch
        {
            1 => load ? "ldrh" : "strh",
            2 => load ? "ldrsb" : "ldrd",
            _ => load ? "ldrsh" : "strd",
        } + Cond(raw);
        string rn = R(raw, 16);
        string address;
        if (Bit(raw, 22))
        {
            // objdump reads a PC base as a literal and leaves out the (unpredictable) writeback mark.
            address = ImmediateAddress(rn, (Bits(raw, 11, 8) << 4) | (raw & 15), Bit(raw, 23), pre, writeback && Bits(raw, 19, 16) != 15);
        }
        else
        {
            string offset = (Bit(raw, 23) ? "" : "-") + R(raw, 0);
            address = pre ? $"[{rn}, {offset}]{(writeback ? "!" : "")}" : $"[{rn}], {offset}";
        }
        return Op(name, $"{R(raw, 12)}, {address}");
    }

    public static string Multiple(uint raw)
    {
        bool load = Bit(raw, 20), writeback = Bit(raw, 21);
        uint mode = Bits(raw, 24, 23);
        uint list = raw & 0xFFFF;
        string cond = Cond(raw);
        string regs = RegisterList(list) + (Bit(raw, 22) ? "^" : "");
        bool stackPointerWriteback = Bits(raw, 19, 16) == 13 && writeback && !Bit(raw, 22);
        bool canonicalStack = stackPointerWriteback && (load ? mode == 1 : mode == 2);
        if (canonicalStack)
        {
            // PUSH/POP for two or more registers; a single register keeps the FD stack name.
            if (System.Numerics.BitOperations.PopCount(list) >= 2) return Op((load ? "pop" : "push") + cond, regs);
            return Op((load ? "ldmfd" : "stmfd") + cond, $"sp!, {regs}");
        }
        string name = (load ? "ldm" : "stm") + (load || (raw & 0x00600000) == 0 ? LoadModes[mode] : StoreModes[mode]) + cond;
        return Op(name, $"{R(raw, 16)}{(writeback ? "!" : "")}, {regs}");
    }
}
