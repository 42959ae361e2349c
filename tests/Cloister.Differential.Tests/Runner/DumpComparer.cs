using Cloister.Differential.Tests.Encoding;
using Cloister.Differential.Tests.Generator;

namespace Cloister.Differential.Tests.Runner;

/// <summary>The differences between the oracle's dump and the tested emulator's, first difference first.</summary>
public static class DumpComparer
{
    /// <summary>One line per differing register, one for the CPSR (naming the changed fields), and for the
    /// buffer the first differing byte plus how many differ. Empty when the dumps agree.</summary>
    public static IReadOnlyList<string> Differences(MachineDump expected, MachineDump actual)
    {
        var lines = new List<string>();
        for (int r = 0; r < MachineDump.RegisterCount; r++)
            if (expected.Registers[r] != actual.Registers[r])
                lines.Add($"{Reg.Name(r)}: expected 0x{expected.Registers[r]:x8}, got 0x{actual.Registers[r]:x8}");

        if (expected.Cpsr != actual.Cpsr)
            lines.Add($"cpsr: expected 0x{expected.Cpsr:x8} ({DescribeCpsr(expected.Cpsr)}), " +
                      $"got 0x{actual.Cpsr:x8} ({DescribeCpsr(actual.Cpsr)}); differs in {ChangedFields(expected.Cpsr, actual.Cpsr)}");

        var differing = Enumerable.Range(0, expected.Buffer.Length).Where(i => expected.Buffer[i] != actual.Buffer[i]).ToList();
        if (differing.Count > 0)
        {
            int first = differing[0];
            lines.Add($"buffer byte +0x{first:x3} (address 0x{Layout.BufferAddress + first:x8}): expected 0x{expected.Buffer[first]:x2}, " +
                      $"got 0x{actual.Buffer[first]:x2}; {differing.Count} byte(s) differ in all, at " +
                      string.Join(", ", differing.Take(16).Select(i => $"+0x{i:x3}")) + (differing.Count > 16 ? ", ..." : ""));
        }
        return lines;
    }

    static readonly (string Name, int Bit)[] Flags = [("N", 31), ("Z", 30), ("C", 29), ("V", 28), ("Q", 27), ("J", 24), ("I", 7), ("F", 6), ("T", 5)];

    public static string DescribeCpsr(uint cpsr) =>
        string.Concat(Flags.Select(f => (cpsr >> f.Bit & 1) != 0 ? f.Name : f.Name.ToLowerInvariant())) + $" mode 0x{cpsr & 0x1F:x2}";

    static string ChangedFields(uint a, uint b)
    {
        var names = Flags.Where(f => ((a ^ b) >> f.Bit & 1) != 0).Select(f => f.Name).ToList();
        if (((a ^ b) & 0x1F) != 0) names.Add("mode");
        uint other = (a ^ b) & ~(Flags.Aggregate(0u, (m, f) => m | 1u << f.Bit) | 0x1F);
        if (other != 0) names.Add($"other bits 0x{other:x8}");
        return string.Join(", ", names);
    }
}
