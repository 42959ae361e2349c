namespace Cloister.Arm.Tests.Disassembly;

/// <summary>Counts agreement with objdump per instruction class and keeps examples of differences.</summary>
internal sealed class DisassemblerAgreement
{
    readonly Dictionary<string, (int Total, int Same)> counts = [];
    public readonly List<string> Differences = [];

    public void Add(string cls, uint address, uint raw, string rawHex, string expected, string actual)
    {
        expected = ObjdumpOracle.Normalise(expected);
        string normalisedActual = ObjdumpOracle.Normalise(actual);
        bool rejected = ObjdumpOracle.IsUndefined(expected) || expected.Length == 0;
        bool same = expected == normalisedActual || rejected && actual.Contains("UNDEFINED");
        // objdump rejects (UNDEFINED/UNPREDICTABLE, usually should-be-zero fields) what Cloister executes: counted apart.
        if (rejected && !same) cls += "/objdump-rejects";
        // Maverick (cp4-6) and FPA (cp1-2) mnemonics: objdump always knows them, the CPU never executes them.
        else if (!same && ((raw >> 8 & 15) is 1 or 2 or 4 or 5 or 6) && ((raw >> 25) & 7) is 6 or 7) cls += "/other-coprocessor";
        var (total, agreed) = counts.GetValueOrDefault(cls);
        counts[cls] = (total + 1, agreed + (same ? 1 : 0));
        if (!same) Differences.Add($"{cls} {address:x8}: {rawHex}  objdump '{expected}'  ours '{normalisedActual}'");
    }

    public int Total => counts.Values.Sum(c => c.Total);
    public int Same => counts.Values.Sum(c => c.Same);

    /// <summary>Instructions outside the two "/…" side classes (objdump rejects, other coprocessors).</summary>
    public int CoreTotal => counts.Where(kv => !kv.Key.Contains('/')).Sum(kv => kv.Value.Total);
    public int CoreSame => counts.Where(kv => !kv.Key.Contains('/')).Sum(kv => kv.Value.Same);

    public string Summary() => string.Join("\n", counts.OrderBy(kv => kv.Key)
        .Select(kv => $"{kv.Key,-8} {kv.Value.Same}/{kv.Value.Total} ({100.0 * kv.Value.Same / kv.Value.Total:F2}%)"));

    /// <summary>Class name used in the report: vfp (cp10/cp11), media (ARMv6 media space), arm, thumb.</summary>
    public static string ArmClass(uint raw)
    {
        uint top = (raw >> 25) & 7;
        if (raw >> 28 != 15 && top is 6 or 7 && ((raw >> 9) & 7) == 5 && (raw & 0x0F000000) != 0x0F000000) return "vfp";
        if (raw >> 28 != 15 && top == 3 && (raw & 0x10) != 0) return "media";
        return "arm";
    }
}
