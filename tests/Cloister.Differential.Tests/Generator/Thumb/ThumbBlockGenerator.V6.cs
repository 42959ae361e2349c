namespace Cloister.Differential.Tests.Generator.Thumb;

public sealed partial class ThumbBlockGenerator
{
    static readonly string[] V6Unary = ["rev", "rev16", "revsh", "sxtb", "sxth", "uxtb", "uxth"];

    /// <summary>ARMv6 Thumb: REV/REV16/REVSH and SXTB/SXTH/UXTB/UXTH on low registers, and CPY (MOV between
    /// any two registers without touching the flags; ARMv6 allows two low registers, which ARMv5 did not).
    /// CPY never writes PC (that would branch) nor SP (the SP classes set it up themselves before use).</summary>
    void V6Additions(BlockBuilder b)
    {
        if (_rng.Chance(0.3))
        {
            int[] writable = [.. Enumerable.Range(0, 13), 14];
            b.Instruction($"cpy {R(_rng.Pick(writable))}, {R(_rng.Next(15))}");
            return;
        }
        b.Instruction($"{_rng.Pick(V6Unary)} {R(PickLow())}, {R(PickLow())}");
    }
}
