using Cloister.Differential.Tests.Generator;

namespace Cloister.Differential.Tests.Runner;

/// <summary>
/// Which programs the theories run, from environment variables (read when the tests are discovered):
/// <list type="bullet">
/// <item>CLOISTER_DIFF_SEEDS: "1000" (seeds 1-1000) or "5000-5999"; default 1-40. Applies to each ISA.</item>
/// <item>CLOISTER_DIFF_SEED: one program, "arm:17", "thumb:17" or "17" (both ISAs); overrides the range.</item>
/// <item>CLOISTER_DIFF_ISA: "arm", "thumb" or "both" (default).</item>
/// <item>CLOISTER_DIFF_LENGTH: instructions per program, default 200.</item>
/// <item>CLOISTER_DIFF_UNALIGNED=0: no unaligned word loads (see GeneratorOptions).</item>
/// </list>
/// </summary>
public static class CaseSelection
{
    public const int DefaultSeedCount = 40;
    public const int DefaultLength = 200;

    public static int Length => int.TryParse(Environment.GetEnvironmentVariable("CLOISTER_DIFF_LENGTH"), out int n) && n > 0 ? n : DefaultLength;

    public static bool UnalignedWordLoads => Environment.GetEnvironmentVariable("CLOISTER_DIFF_UNALIGNED") is not ("0" or "false");

    public static IEnumerable<(InstructionSet Isa, int Seed)> Selected()
    {
        string? single = Environment.GetEnvironmentVariable("CLOISTER_DIFF_SEED");
        if (!string.IsNullOrWhiteSpace(single)) return ParseSingle(single.Trim());

        var (first, last) = ParseRange(Environment.GetEnvironmentVariable("CLOISTER_DIFF_SEEDS"));
        return Isas().SelectMany(isa => Enumerable.Range(first, last - first + 1).Select(seed => (isa, seed)));
    }

    public static DifferentialCase Case(InstructionSet isa, int seed) => new(isa, seed, Length);

    static IEnumerable<InstructionSet> Isas() => Environment.GetEnvironmentVariable("CLOISTER_DIFF_ISA")?.ToLowerInvariant() switch
    {
        "arm" => [InstructionSet.Arm],
        "thumb" => [InstructionSet.Thumb],
        _ => [InstructionSet.Arm, InstructionSet.Thumb],
    };

    static IEnumerable<(InstructionSet, int)> ParseSingle(string text)
    {
        var parts = text.Split(':');
        int seed = int.Parse(parts[^1]);
        if (parts.Length == 1) return Isas().Select(isa => (isa, seed));
        return [(Enum.Parse<InstructionSet>(parts[0], ignoreCase: true), seed)];
    }

    static (int First, int Last) ParseRange(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (1, DefaultSeedCount);
        var parts = text.Split('-', 2);
        return parts.Length == 2 ? (int.Parse(parts[0]), int.Parse(parts[1])) : (1, int.Parse(parts[0]));
    }
}
