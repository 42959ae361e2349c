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

        lines.AddRange(VfpDifferences(expected.Vfp, actual.Vfp));

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

    /// <summary>One line per differing S register (with its D register's two words when that helps reading a
    /// double), one for the FPSCR naming its changed fields.</summary>
    static IEnumerable<string> VfpDifferences(VfpState? expected, VfpState? actual)
    {
        if (expected is null && actual is null) yield break;
        if (expected is null || actual is null)
        {
            yield return $"VFP state: expected {(expected is null ? "none" : "a dump")}, got {(actual is null ? "none" : "a dump")}";
            yield break;
        }
        for (int s = 0; s < 32; s++)
            if (expected.Singles[s] != actual.Singles[s])
                yield return $"s{s} (half of d{s / 2}): expected 0x{expected.Singles[s]:x8}, got 0x{actual.Singles[s]:x8}" +
                             $"; d{s / 2} expected 0x{expected.Singles[s | 1]:x8}{expected.Singles[s & ~1]:x8}, got 0x{actual.Singles[s | 1]:x8}{actual.Singles[s & ~1]:x8}";
        if (expected.Fpscr != actual.Fpscr)
            yield return $"fpscr: expected 0x{expected.Fpscr:x8}, got 0x{actual.Fpscr:x8}; differs in {FpscrFields(expected.Fpscr ^ actual.Fpscr)}";
    }

    static readonly (string Name, int Bit)[] FpscrBits =
        [("N", 31), ("Z", 30), ("C", 29), ("V", 28), ("DN", 25), ("FZ", 24), ("RMode1", 23), ("RMode0", 22),
         ("IDC", 7), ("IXC", 4), ("UFC", 3), ("OFC", 2), ("DZC", 1), ("IOC", 0)];

    static string FpscrFields(uint changed)
    {
        var names = FpscrBits.Where(f => (changed >> f.Bit & 1) != 0).Select(f => f.Name).ToList();
        uint other = changed & ~FpscrBits.Aggregate(0u, (m, f) => m | 1u << f.Bit);
        if (other != 0) names.Add($"other bits 0x{other:x8}");
        return string.Join(", ", names);
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
