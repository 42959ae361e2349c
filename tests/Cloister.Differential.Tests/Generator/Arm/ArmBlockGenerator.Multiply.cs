namespace Cloister.Differential.Tests.Generator.Arm;

public sealed partial class ArmBlockGenerator
{
    /// <summary>MUL/MLA. Rd == Rm is UNPREDICTABLE before ARMv6; PC anywhere is UNPREDICTABLE.
    /// With S, ARMv5 leaves C unchanged (it was UNPREDICTABLE on ARMv4), so S is allowed.</summary>
    void Multiply(BlockBuilder b)
    {
        int rd = Pick(), rm = Pick(rd), rs = Pick();
        if (_rng.Chance(0.5)) b.Instruction($"mul{S()}{Cond()} {R(rd)}, {R(rm)}, {R(rs)}");
        else b.Instruction($"mla{S()}{Cond()} {R(rd)}, {R(rm)}, {R(rs)}, {R(Pick())}");
    }

    static readonly string[] LongMultiplies = ["umull", "umlal", "smull", "smlal"];

    /// <summary>64-bit multiplies (UMULL, UMLAL, SMULL, SMLAL). RdHi, RdLo and Rm must all differ before ARMv6;
    /// ARMv5 leaves C and V unchanged with S.</summary>
    void MultiplyLong(BlockBuilder b)
    {
        int lo = Pick(), hi = Pick(lo), rm = Pick(lo, hi), rs = Pick();
        b.Instruction($"{_rng.Pick(LongMultiplies)}{S()}{Cond()} {R(lo)}, {R(hi)}, {R(rm)}, {R(rs)}");
    }

    static readonly string[] Halves = ["b", "t"];

    /// <summary>The E extension's 16-bit multiplies: SMLAxy and SMLAWy set Q on overflow of
    /// the accumulation. SMLALxy with RdHi == RdLo is UNPREDICTABLE. No PC operands.</summary>
    void DspMultiply(BlockBuilder b)
    {
        string x = _rng.Pick(Halves), y = _rng.Pick(Halves), cond = Cond();
        int rd = Pick(), rm = Pick(), rs = Pick(), rn = Pick();
        switch (_rng.Next(5))
        {
            case 0: b.Instruction($"smla{x}{y}{cond} {R(rd)}, {R(rm)}, {R(rs)}, {R(rn)}"); break;
            case 1: b.Instruction($"smul{x}{y}{cond} {R(rd)}, {R(rm)}, {R(rs)}"); break;
            case 2: b.Instruction($"smlaw{y}{cond} {R(rd)}, {R(rm)}, {R(rs)}, {R(rn)}"); break;
            case 3: b.Instruction($"smulw{y}{cond} {R(rd)}, {R(rm)}, {R(rs)}"); break;
            default:
                int hi = Pick(rd);
                b.Instruction($"smlal{x}{y}{cond} {R(rd)}, {R(hi)}, {R(rm)}, {R(rs)}");
                break;
        }
    }
}
