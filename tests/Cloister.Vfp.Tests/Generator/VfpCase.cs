namespace Cloister.Vfp.Tests.Generator;

/// <summary>One test case: the VFP register file and FPSCR it starts from, the instructions it
/// runs, and a description for failure messages. Every case dumps the same words:
/// FPSCR, CPSR flags after FMSTAT, S0–S31 and r5–r11.</summary>
public sealed record VfpCase(int Index, uint Fpscr, uint[] InitialRegisters, IReadOnlyList<string> Body)
{
    public const int DumpWords = 2 + 32 + 7;

    public static readonly string[] WordNames =
        ["fpscr", "cpsr.nzcv", .. Enumerable.Range(0, 32).Select(i => $"s{i}"), .. Enumerable.Range(5, 7).Select(i => $"r{i}")];

    public string Describe() =>
        $"case {Index}: fpscr=0x{Fpscr:x8} (rmode {(Fpscr >> 22) & 3}, fz {(Fpscr >> 24) & 1}, dn {(Fpscr >> 25) & 1}, len {(Fpscr >> 16) & 7}, stride {(Fpscr >> 20) & 3})\n" +
        $"    {string.Join("\n    ", Body)}\n" +
        $"    initial: {string.Join(' ', InitialRegisters.Select((v, i) => $"s{i}={v:x8}"))}";
}
