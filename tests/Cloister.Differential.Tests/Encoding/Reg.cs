namespace Cloister.Differential.Tests.Encoding;

/// <summary>ARM core register numbers and their assembler names.</summary>
public static class Reg
{
    public const int Sp = 13;
    public const int Lr = 14;
    public const int Pc = 15;

    static readonly string[] Names =
        ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"];

    public static string Name(int reg) => Names[reg];

    /// <summary>Register list syntax, e.g. "{r0, r4, lr}", lowest first as the encoding stores them.</summary>
    public static string List(IEnumerable<int> regs) => "{" + string.Join(", ", regs.Order().Select(Name)) + "}";

    public static IEnumerable<int> InMask(int mask) => Enumerable.Range(0, 16).Where(r => (mask & (1 << r)) != 0);
}
