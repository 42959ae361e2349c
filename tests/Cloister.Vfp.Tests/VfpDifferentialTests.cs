using System.Text.RegularExpressions;
using Cloister.Arm;
using Cloister.Vfp.Tests.Generator;
using Cloister.Vfp.Tests.Harness;

namespace Cloister.Vfp.Tests;

/// <summary>
/// Differential tests of the VFP against QEMU 7.2, the oracle: seeded programs run on
/// qemu-system-arm and on Cloister — both through `cloister machine` (the whole board, in-process)
/// and on the bare CPU (RAM and a semihosting hook only, so a VFP failure is not confused with a
/// board problem) — and every dumped word (results, FPSCR flags, NZCV, transferred core registers,
/// UNDEF and abort counts) must be identical.
/// </summary>
public sealed partial class VfpDifferentialTests
{
    public static TheoryData<string, CaseMix, int, int> Programs()
    {
        var data = new TheoryData<string, CaseMix, int, int>();
        // The ARM926 gets the most programs; each ARMv6 model runs a smaller set (same VFP, but its own
        // FPSID, MVFRs and CPACR gating).
        for (int seed = 1; seed <= 8; seed++) data.Add("arm926", CaseMix.Scalar, seed, 300);
        for (int seed = 1; seed <= 4; seed++) data.Add("arm926", CaseMix.Vector, seed, 150);
        for (int seed = 1; seed <= 3; seed++) data.Add("arm926", CaseMix.Transfer, seed, 100);
        for (int seed = 1; seed <= 4; seed++) data.Add("arm926", CaseMix.Encoding, seed, 250);
        for (int seed = 1; seed <= 2; seed++) data.Add("arm926", CaseMix.System, seed, 150);
        foreach (string cpu in new[] { "arm1176", "arm1136", "arm1136-r2", "arm11mpcore" })
        {
            data.Add(cpu, CaseMix.Scalar, 101, 200);
            data.Add(cpu, CaseMix.Vector, 101, 100);
            data.Add(cpu, CaseMix.Transfer, 101, 60);
            data.Add(cpu, CaseMix.Encoding, 101, 200);
            data.Add(cpu, CaseMix.System, 101, 150);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task MatchesQemu(string cpu, CaseMix mix, int seed, int count)
    {
        var model = CpuModel.Find(cpu)!;
        var (source, cases) = new VfpProgramGenerator(seed * 7919 + (int)mix, model.IsV6).Generate(count, mix);
        string dir = Path.Combine(Path.GetTempPath(), "cloister-vfp", $"{cpu}-{mix}-{seed}");
        string elf = ExternalTools.Assemble(source, dir, "vfp");

        var expected = Words(await ExternalTools.RunQemuAsync(elf, cpu));
        int total = VfpProgramGenerator.HeaderWords + cases.Count * VfpCase.DumpWords;
        Assert.True(expected.Count == total, $"QEMU printed {expected.Count} words, expected {total} (program {dir})");

        Compare("bare CPU", expected, Words(CloisterRunner.Run(elf, model)), cases, dir);
        Compare("cloister machine", expected, Words(await CloisterMachineRunner.RunAsync(elf, cpu)), cases, dir);
    }

    static void Compare(string how, List<string> expected, List<string> actual, IReadOnlyList<VfpCase> cases, string dir)
    {
        var failures = new List<string>();
        if (actual.Count != expected.Count) failures.Add($"Cloister printed {actual.Count} words, QEMU {expected.Count}");
        for (int i = 0; i < VfpProgramGenerator.HeaderWords; i++)
            if (expected[i] != actual.ElementAtOrDefault(i))
                failures.Add($"header word {i}: QEMU {expected[i]}, Cloister {actual.ElementAtOrDefault(i)}");
        foreach (var c in cases)
        {
            int at = VfpProgramGenerator.HeaderWords + c.Index * VfpCase.DumpWords;
            var diffs = Enumerable.Range(0, VfpCase.DumpWords)
                .Where(w => expected[at + w] != actual.ElementAtOrDefault(at + w))
                .Select(w => $"{VfpCase.WordNames[w]}: QEMU {expected[at + w]}, Cloister {actual.ElementAtOrDefault(at + w) ?? "(missing)"}")
                .ToList();
            if (diffs.Count > 0) failures.Add(c.Describe() + "\n    => " + string.Join("; ", diffs));
        }
        Assert.True(failures.Count == 0,
            $"{how}: {failures.Count} of {cases.Count} cases differ from QEMU ({dir}):\n" + string.Join("\n", failures.Take(10)));
    }

    static List<string> Words(string output) =>
        HexLine().Matches(output).Select(m => m.Value).ToList();

    [GeneratedRegex("^[0-9a-f]{8}$", RegexOptions.Multiline)]
    private static partial Regex HexLine();
}
