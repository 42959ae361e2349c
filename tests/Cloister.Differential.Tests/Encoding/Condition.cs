namespace Cloister.Differential.Tests.Encoding;

/// <summary>Condition field values (ARM ARM, the condition field). 0b1111 is not a condition on ARMv5: that space holds
/// unconditional instructions, so it is never generated.</summary>
public enum Condition
{
    Eq, Ne, Cs, Cc, Mi, Pl, Vs, Vc, Hi, Ls, Ge, Lt, Gt, Le, Al,
}

public static class ConditionSyntax
{
    /// <summary>Assembler suffix; AL is written as nothing.</summary>
    public static string Suffix(this Condition c) => c == Condition.Al ? "" : c.ToString().ToLowerInvariant();
}
