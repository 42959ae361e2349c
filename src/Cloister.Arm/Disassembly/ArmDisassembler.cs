using static Cloister.Arm.Disassembly.Operands;

namespace Cloister.Arm.Disassembly;

/// <summary>Top-level ARM decode for the disassembler: routes by the major opcode bits.</summary>
internal static class ArmDisassembler
{
    public static string Disassemble(uint raw, uint pc)
    {
        if (raw >> 28 == 15) return ArmUnconditional.Disassemble(raw, pc);
        switch (Bits(raw, 27, 25))
        {
            case 0:
                if (Bit(raw, 4) && Bit(raw, 7)) return ArmMultiplyAndExtra.Disassemble(raw, pc);
                if (Bits(raw, 24, 23) == 2 && !Bit(raw, 20)) return ArmMiscellaneous.Disassemble(raw);
                return ArmDataProcessing.Disassemble(raw);
            case 1:
                if (Bits(raw, 24, 23) == 2 && !Bit(raw, 20)) return ArmMiscellaneous.MsrImmediateOrHint(raw);
                return ArmDataProcessing.Disassemble(raw);
            case 2: return ArmLoadStore.Word(raw, pc);
            case 3: return Bit(raw, 4) ? ArmMedia.Disassemble(raw) : ArmLoadStore.Word(raw, pc);
            case 4: return ArmLoadStore.Multiple(raw);
            case 5:
                return Op((Bit(raw, 24) ? "bl" : "b") + Cond(raw), Hex(pc + 8 + (uint)((int)(raw << 8) >> 6)));
            default: return ArmCoprocessor.Disassemble(raw, pc);
        }
    }

    public static string Undefined(uint raw) => $"<UNDEFINED> instruction: 0x{raw:x8}";
}
