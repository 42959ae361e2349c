namespace Cloister.Arm.Disassembly;

/// <summary>Shared text pieces (register names, conditions, shifts, lists) in objdump's GNU syntax.</summary>
internal static class Operands
{
    public static readonly string[] Conditions =
        ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "", ""];

    static readonly string[] RegisterNames =
        ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"];

    static readonly string[] ShiftNames = ["lsl", "lsr", "asr", "ror"];

    public static uint Bits(uint v, int hi, int lo) => (v >> lo) & ((1u << (hi - lo + 1)) - 1);
    public static bool Bit(uint v, int n) => ((v >> n) & 1) != 0;

    public static string R(uint n) => RegisterNames[n & 15];
    public static string R(uint raw, int lo) => RegisterNames[(raw >> lo) & 15];
    public static string Cond(uint raw) => Conditions[raw >> 28];

    /// <summary>Mnemonic and operands separated by a tab, as objdump prints them.</summary>
    public static string Op(string mnemonic, string operands) => operands.Length == 0 ? mnemonic : mnemonic + "\t" + operands;

    public static string Hex(uint v) => "0x" + v.ToString("x");
    public static string Signed(uint v) => ((int)v).ToString();

    /// <summary>Immediate-shifted register (bits 11:0 of data processing / load-store register forms).</summary>
    public static string ShiftedByImmediate(uint raw)
    {
        uint type = Bits(raw, 6, 5), amount = Bits(raw, 11, 7);
        string rm = R(raw, 0);
        if (amount == 0)
        {
            if (type == 0) return rm;
            if (type == 3) return rm + ", rrx";
            amount = 32; // LSR/ASR #0 encode shifts by 32
        }
        return $"{rm}, {ShiftNames[type]} #{amount}";
    }

    public static string ShiftName(uint type) => ShiftNames[type & 3];

    /// <summary>Register list {r0, r1, ...}; objdump lists every register (no ranges).</summary>
    public static string RegisterList(uint mask)
    {
        var parts = new List<string>();
        for (uint i = 0; i < 16; i++)
            if ((mask & (1u << (int)i)) != 0) parts.Add(R(i));
        return "{" + string.Join(", ", parts) + "}";
    }

    public static uint Ror(uint v, int n) => n == 0 ? v : (v >> n) | (v << (32 - n));
}
