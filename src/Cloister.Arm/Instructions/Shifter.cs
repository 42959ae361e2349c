namespace Cloister.Arm;

/// <summary>Shift types as decoded (RRX is ROR #0 in the encoding, kept apart here).</summary>
internal static class ShiftKind
{
    public const byte Lsl = 0, Lsr = 1, Asr = 2, Ror = 3, Rrx = 4;
}

/// <summary>The barrel shifter: value and carry-out for every shift form.</summary>
internal static class Shifter
{
    /// <summary>Shift by an immediate already normalised by the decoder (LSR/ASR 1..32, ROR 1..31, RRX).</summary>
    public static uint ByImmediate(uint v, int type, int amount, uint carryIn, out uint carry)
    {
        switch (type)
        {
            case ShiftKind.Lsl:
                if (amount == 0) { carry = carryIn; return v; }
                carry = (v >> (32 - amount)) & 1;
                return v << amount;
            case ShiftKind.Lsr:
                if (amount == 32) { carry = v >> 31; return 0; }
                carry = (v >> (amount - 1)) & 1;
                return v >> amount;
            case ShiftKind.Asr:
                if (amount == 32) { carry = v >> 31; return (uint)((int)v >> 31); }
                carry = (v >> (amount - 1)) & 1;
                return (uint)((int)v >> amount);
            case ShiftKind.Ror:
                carry = (v >> (amount - 1)) & 1;
                return (v >> amount) | (v << (32 - amount));
            default: // RRX
                carry = v & 1;
                return (carryIn << 31) | (v >> 1);
        }
    }

    /// <summary>Value only, for instructions that do not set the carry.</summary>
    public static uint ByImmediate(uint v, int type, int amount, uint carryIn) => type switch
    {
        ShiftKind.Lsl => v << amount,
        ShiftKind.Lsr => amount == 32 ? 0 : v >> amount,
        ShiftKind.Asr => (uint)((int)v >> (amount == 32 ? 31 : amount)),
        ShiftKind.Ror => (v >> amount) | (v << (32 - amount)),
        _ => (carryIn << 31) | (v >> 1),
    };

    /// <summary>Shift by the bottom byte of a register.</summary>
    public static uint ByRegister(uint v, int type, uint amount, uint carryIn, out uint carry)
    {
        amount &= 0xFF;
        if (amount == 0) { carry = carryIn; return v; }
        switch (type)
        {
            case ShiftKind.Lsl:
                if (amount < 32) { carry = (v >> (int)(32 - amount)) & 1; return v << (int)amount; }
                carry = amount == 32 ? v & 1 : 0;
                return 0;
            case ShiftKind.Lsr:
                if (amount < 32) { carry = (v >> (int)(amount - 1)) & 1; return v >> (int)amount; }
                carry = amount == 32 ? v >> 31 : 0;
                return 0;
            case ShiftKind.Asr:
                if (amount < 32) { carry = (v >> (int)(amount - 1)) & 1; return (uint)((int)v >> (int)amount); }
                carry = v >> 31;
                return (uint)((int)v >> 31);
            default: // ROR (RRX cannot be encoded by register)
                int r = (int)(amount & 31);
                if (r == 0) { carry = v >> 31; return v; }
                carry = (v >> (r - 1)) & 1;
                return (v >> r) | (v << (32 - r));
        }
    }
}
