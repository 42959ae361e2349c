using Cloister.Differential.Tests.Generator;

namespace Cloister.Differential.Tests.Runner;

/// <summary>
/// Which programs the theories run, from environment variables (read when the tests are discovered):
/// <list type="bullet">
/// <item>CLOISTER_DIFF_SEEDS: "1000" (seeds 1-1000) or "5000-5999"; default 1-40 on the ARM926 and 1-10 on
/// each ARM11 model. Applies to each CPU and ISA.</item>
/// <item>CLOISTER_DIFF_SEED: one program, "arm:17", "thumb:17" or "17" (both ISAs), with the CPU in front
/// for an ARM11 ("arm1176/arm:17"); overrides the range and CLOISTER_DIFF_CPU.</item>
/// <item>CLOISTER_DIFF_CPU: "arm926", one ARM11 model ("arm1136-r2", "arm1136", "arm1176", "arm11mpcore"),
/// "arm11" (the four) or "all" (default).</item>
/// <item>CLOISTER_DIFF_ISA: "arm", "thumb" or "both" (default).</item>
/// <item>CLOISTER_DIFF_LENGTH: instructions per program, default 200.</item>
/// <item>CLOISTER_DIFF_UNALIGNED=0: no unaligned word loads (see GeneratorOptions).</item>
/// </list>
/// </summary>
public static class CaseSelection
{
    public const int DefaultSeedCount = 40;

    /// <summary>Per ARM11 model and ISA: four models keep the whole project within its time budget.</summary>
    public const int DefaultArm11SeedCount = 10;
    public const int DefaultLength = 200;

    public static int Length => int.TryParse(Environment.GetEnvironmentVariable("CLOISTER_DIFF_LENGTH"), out int n) && n > 0 ? n : DefaultLength;

    public static bool UnalignedWordLoads => Environment.GetEnvironmentVariable("CLOISTER_DIFF_UNALIGNED") is not ("0" or "false");

    public static IEnumerable<(TargetCpu Target, InstructionSet Isa, int Seed)> Selected()
    {
        string? single = Environment.GetEnvironmentVariable("CLOISTER_DIFF_SEED");
        if (!string.IsNullOrWhiteSpace(single)) return ParseSingle(single.Trim());

        string? range = Environment.GetEnvironmentVariable("CLOISTER_DIFF_SEEDS");
        return
            from target in Targets()
            let seeds = ParseRange(range, target == TargetCpu.Arm926 ? DefaultSeedCount : DefaultArm11SeedCount)
            from isa in Isas()
            from seed in Enumerable.Range(seeds.First, seeds.Last - seeds.First + 1)
            select (target, isa, seed);
    }

    public static DifferentialCase Case(TargetCpu target, InstructionSet isa, int seed) => new(target, isa, seed, Length);

    static IEnumerable<TargetCpu> Targets() => Environment.GetEnvironmentVariable("CLOISTER_DIFF_CPU")?.ToLowerInvariant() switch
    {
        null or "" or "all" => TargetCpu.All,
        "arm11" => TargetCpu.Arm11Models,
        var name => [TargetCpu.Find(name)],
    };

    static IEnumerable<InstructionSet> Isas() => Environment.GetEnvironmentVariable("CLOISTER_DIFF_ISA")?.ToLowerInvariant() switch
    {
        "arm" => [InstructionSet.Arm],
        "thumb" => [InstructionSet.Thumb],
        _ => [InstructionSet.Arm, InstructionSet.Thumb],
    };

    static IEnumerable<(TargetCpu, InstructionSet, int)> ParseSingle(string text)
    {
        var slash = text.Split('/', 2);
        var target = slash.Length == 2 ? TargetCpu.Find(slash[0]) : TargetCpu.Arm926;
        var parts = slash[^1].Split(':');
        int seed = int.Parse(parts[^1]);
        if (parts.Length == 1) return Isas().Select(isa => (target, isa, seed));
        return [(target, Enum.Parse<InstructionSet>(parts[0], ignoreCase: true), seed)];
    }

    static (int First, int Last) ParseRange(string? text, int defaultCount)
    {
        if (string.IsNullOrWhiteSpace(text)) return (1, defaultCount);
        var parts = text.Split('-', 2);
        return parts.Length == 2 ? (int.Parse(parts[0]), int.Parse(parts[1])) : (1, int.Parse(parts[0]));
    }
}
