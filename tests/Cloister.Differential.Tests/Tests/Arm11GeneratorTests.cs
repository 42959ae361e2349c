using Cloister.Differential.Tests.Encoding;
using Cloister.Differential.Tests.Generator;
using Cloister.Differential.Tests.Runner;

namespace Cloister.Differential.Tests.Tests;

/// <summary>The ARM11 generators: each model gets its own programs, v6K instructions only where the model
/// has them, and the default seeds of the four models together draw every ARMv6/v6K/VFP mnemonic.</summary>
public sealed class Arm11GeneratorTests
{
    static GeneratedProgram Generate(TargetCpu target, InstructionSet isa, int seed) =>
        ProgramGenerator.Generate(seed, new GeneratorOptions(isa, CaseSelection.DefaultLength, target));

    /// <summary>The first word of every numbered (random) line, the VFP type suffix dropped.</summary>
    static IEnumerable<string> Mnemonics(GeneratedProgram p) =>
        p.Body.Where(l => l.Contains("@ #")).Select(l => l.Trim().Split(' ')[0].Split('.')[0]);

    static HashSet<string> DefaultSeedMnemonics(IEnumerable<TargetCpu> targets, InstructionSet isa) =>
        targets.SelectMany(t => Enumerable.Range(1, CaseSelection.DefaultArm11SeedCount).SelectMany(seed => Mnemonics(Generate(t, isa, seed))))
            .ToHashSet();

    static readonly string[] Parallel =
        [.. from p in new[] { "s", "q", "sh", "u", "uq", "uh" }
            from op in new[] { "add16", "add8", "sub16", "sub8", "asx", "sax" }
            select p + op];

    static readonly string[] ArmV6Mnemonics =
    [
        .. Parallel, "sel", "sxtb", "sxth", "sxtb16", "uxtb", "uxth", "uxtb16", "sxtab", "sxtah", "sxtab16", "uxtab",
        "uxtah", "uxtab16", "rev", "rev16", "revsh", "pkhbt", "pkhtb", "usad8", "usada8", "ssat", "usat", "ssat16",
        "usat16", "smlad", "smladx", "smlsd", "smlsdx", "smuad", "smuadx", "smusd", "smusdx", "smlald", "smlaldx",
        "smlsld", "smlsldx", "smmul", "smmulr", "smmla", "smmlar", "smmls", "smmlsr", "umaal", "ldrex", "strex",
        "ldrexb", "ldrexh", "ldrexd", "strexb", "strexh", "strexd", "clrex",
        "vadd", "vsub", "vmul", "vdiv", "vnmul", "vmla", "vmls", "vnmla", "vnmls", "vabs", "vneg", "vsqrt", "vmov",
        "vcmp", "vcmpe", "vmrs", "vmsr", "vcvt", "vcvtr", "vldr", "vstr",
    ];

    static readonly string[] ThumbV6Mnemonics = ["cpy", "rev", "rev16", "revsh", "sxtb", "sxth", "uxtb", "uxth"];

    static readonly string[] V6KOnly = ["ldrexb", "ldrexh", "ldrexd", "strexb", "strexh", "strexd", "clrex"];

    [Theory]
    [InlineData(InstructionSet.Arm)]
    [InlineData(InstructionSet.Thumb)]
    public void The_default_seeds_cover_every_v6_mnemonic(InstructionSet isa)
    {
        var used = DefaultSeedMnemonics(TargetCpu.Arm11Models, isa);
        var expected = isa == InstructionSet.Arm ? ArmV6Mnemonics : ThumbV6Mnemonics;
        var missing = expected.Where(m => !used.Overlaps(Spellings(m))).ToList();
        Assert.Empty(missing);
    }

    /// <summary>The mnemonic with each condition suffix ("ldrexhi" is LDREX if HI, not LDREXH).</summary>
    static IEnumerable<string> Spellings(string mnemonic) => from cond in Enum.GetValues<Condition>() select mnemonic + cond.Suffix();

    [Fact]
    public void Arm1136_r2_draws_no_v6K_instruction()
    {
        var used = DefaultSeedMnemonics([TargetCpu.Arm1136R2], InstructionSet.Arm);
        Assert.Empty(V6KOnly.Where(m => used.Overlaps(Spellings(m))));
        Assert.True(used.Overlaps(Spellings("ldrex")));
    }

    [Fact]
    public void Each_model_has_its_own_programs_and_the_arm926_never_draws_v6()
    {
        var sources = TargetCpu.All.Select(t => Generate(t, InstructionSet.Arm, 5).Listing).ToList();
        Assert.Equal(sources.Count, sources.Distinct().Count());
        var arm926 = DefaultSeedMnemonics([TargetCpu.Arm926], InstructionSet.Arm);
        Assert.DoesNotContain(arm926, m => m.StartsWith('v') || m.StartsWith("ldrex", StringComparison.Ordinal) || m.StartsWith("sxt", StringComparison.Ordinal));
    }
}
