namespace Cloister.Differential.Tests.Generator;

/// <summary>Operand values biased towards the edges where flags and saturation change.</summary>
public static class RandomValues
{
    static readonly uint[] Edges =
    [
        0, 1, 2, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFF, 0xFFFFFFFE,
        0x7FFF, 0x8000, 0xFFFF, 0x10000, 0xFFFF8000, 0x00007FFF, 0xFF, 0x100, 0x40000000, 0xC0000000,
    ];

    public static uint Word(Rng rng) => rng.Next(10) switch
    {
        < 5 => rng.NextUInt32(),
        < 8 => Edges[rng.Next(Edges.Length)],
        8 => (uint)rng.Between(-40, 40),
        _ => (uint)(short)rng.NextUInt32(),
    };

    /// <summary>A value for a register that gives a shift amount: only the bottom byte counts (ARM ARM, addressing mode 1),
    /// and 0, 1-31, 32 and more than 32 each behave differently.</summary>
    public static uint ShiftAmount(Rng rng)
    {
        uint low = rng.Next(6) switch
        {
            0 => 0,
            1 => 32,
            2 => (uint)rng.Between(33, 255),
            _ => (uint)rng.Between(1, 31),
        };
        uint high = rng.Chance(0.5) ? rng.NextUInt32() & 0xFFFFFF00 : 0;
        return high | low;
    }

    /// <summary>NZCVQ in bits 31:27; bits 26:0 zero so an MSR never touches the J bit (ARM ARM, "The J bit" in the program status registers).</summary>
    public static uint Flags(Rng rng) => (uint)rng.Next(32) << 27;
}
