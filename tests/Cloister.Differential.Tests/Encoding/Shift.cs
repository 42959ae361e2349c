namespace Cloister.Differential.Tests.Encoding;

public enum ShiftType { Lsl, Lsr, Asr, Ror }

/// <summary>An immediate shift as the ARM shifter computes it (ARM ARM, addressing mode 1). The generator needs the value
/// to place a scaled register offset so that the final address lands inside the data buffer.</summary>
public readonly record struct ImmediateShift(ShiftType Type, int Amount)
{
    /// <summary>No shift: "Rm" on its own (encoded as LSL #0).</summary>
    public static readonly ImmediateShift None = new(ShiftType.Lsl, 0);

    /// <summary>A legal amount for the type: LSL 0-31, LSR/ASR 1-32 (32 is encoded as 0), ROR 1-31
    /// (ROR #0 would mean RRX, which is handled separately).</summary>
    public static ImmediateShift Random(Generator.Rng rng)
    {
        var type = (ShiftType)rng.Next(4);
        int amount = type switch
        {
            ShiftType.Lsl => rng.Next(32),
            ShiftType.Ror => 1 + rng.Next(31),
            _ => 1 + rng.Next(32),
        };
        return new ImmediateShift(type, amount);
    }

    public uint Apply(uint value) => Type switch
    {
        ShiftType.Lsl => value << Amount,
        ShiftType.Lsr => Amount == 32 ? 0 : value >> Amount,
        ShiftType.Asr => Amount == 32 ? (uint)((int)value >> 31) : (uint)((int)value >> Amount),
        _ => uint.RotateRight(value, Amount),
    };

    /// <summary>", lsl #3" style suffix; empty for no shift.</summary>
    public string Syntax => Type == ShiftType.Lsl && Amount == 0 ? "" : $", {Type.ToString().ToLowerInvariant()} #{Amount}";
}
