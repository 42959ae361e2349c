namespace Cloister.Arm;

/// <summary>
/// Text for -d in_asm. Names the instruction class only (a full disassembler is future work;
/// gdb-multiarch or objdump give full listings).
/// </summary>
internal static class Disassembler
{
    static readonly string[] Conditions =
        ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "", "nv"];
    static readonly string[] DataOps =
        ["and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq", "cmp", "cmn", "orr", "mov", "bic", "mvn"];

    public static string Arm(uint raw, uint pc)
    {
        string cond = Conditions[raw >> 28];
        switch ((raw >> 25) & 7)
        {
            case 0 when (raw & 0x90) == 0x90: return "mul/ldrh-class" + cond;
            case 0 or 1: return DataOps[(raw >> 21) & 15] + cond + ((raw & (1 << 20)) != 0 ? "s" : "");
            case 2 or 3: return ((raw & (1 << 20)) != 0 ? "ldr" : "str") + cond;
            case 4: return ((raw & (1 << 20)) != 0 ? "ldm" : "stm") + cond;
            case 5:
                uint target = pc + 8 + (uint)((int)(raw << 8) >> 6);
                return ((raw & (1 << 24)) != 0 ? "bl" : "b") + cond + $" 0x{target:x8}";
            case 6: return "ldc/stc" + cond;
            default: return ((raw & (1 << 24)) != 0 ? "svc" : "mcr/mrc") + cond;
        }
    }

    public static string Thumb(uint raw, uint pc) => (raw >> 11) switch
    {
        < 3 => "shift",
        3 => "add/sub",
        < 8 => "imm8-op",
        8 => "alu",
        9 => "ldr pc-relative",
        < 0x10 => "load/store",
        < 0x14 => "load/store sp/half",
        < 0x16 => "add pc/sp",
        < 0x18 => "misc",
        < 0x1A => "ldm/stm",
        < 0x1C => "b<cond>/svc",
        0x1C => "b",
        _ => "bl/blx",
    };
}
