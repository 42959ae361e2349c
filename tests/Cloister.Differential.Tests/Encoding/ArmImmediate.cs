namespace Cloister.Differential.Tests.Encoding;

/// <summary>The data-processing immediate: an 8-bit value rotated right by an even amount (ARM ARM, addressing mode 1).</summary>
public readonly record struct ArmImmediate(byte Imm8, int Rotation)
{
    public uint Value => uint.RotateRight(Imm8, Rotation);

    /// <summary>Written with an explicit rotation ("#imm8, rot") so the assembler keeps the exact encoding:
    /// the carry out of a logical operation depends on whether the rotation is zero, and the same value can
    /// have several encodings.</summary>
    public string Syntax => $"#{Imm8}, {Rotation}";

    public static ArmImmediate Random(Generator.Rng rng)
    {
        byte imm8 = rng.Next(4) switch { 0 => 0, 1 => 0xFF, 2 => (byte)(1 << rng.Next(8)), _ => (byte)rng.Next(256) };
        int rotation = rng.Chance(0.3) ? 0 : 2 * rng.Next(16);
        return new ArmImmediate(imm8, rotation);
    }
}
