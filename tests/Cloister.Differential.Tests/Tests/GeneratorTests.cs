using Cloister.Differential.Tests.Encoding;
using Cloister.Differential.Tests.Generator;

namespace Cloister.Differential.Tests.Tests;

public sealed class GeneratorTests
{
    static GeneratedProgram Generate(InstructionSet isa, int seed, int length = 200) =>
        ProgramGenerator.Generate(seed, new GeneratorOptions(isa, length, TargetCpu.Arm926));

    [Theory]
    [InlineData(InstructionSet.Arm)]
    [InlineData(InstructionSet.Thumb)]
    public void Same_seed_gives_the_same_program_and_different_seeds_differ(InstructionSet isa)
    {
        Assert.Equal(Generate(isa, 7).Source, Generate(isa, 7).Source);
        Assert.NotEqual(Generate(isa, 7).Source, Generate(isa, 8).Source);
    }

    [Theory]
    [InlineData(InstructionSet.Arm)]
    [InlineData(InstructionSet.Thumb)]
    public void The_requested_number_of_instructions_is_generated(InstructionSet isa)
    {
        var body = Generate(isa, 3, 57).Body;
        Assert.Equal(57, body.Count(l => l.Contains("@ #")));
        Assert.Contains(body, l => l.Contains("@ #56"));
    }

    [Fact]
    public void A_shorter_program_is_a_prefix_of_a_longer_one()
    {
        static IEnumerable<string> Numbered(GeneratedProgram p) => p.Body.Where(l => l.Contains("@ #"));
        Assert.Equal(Numbered(Generate(InstructionSet.Arm, 11, 50)), Numbered(Generate(InstructionSet.Arm, 11, 200)).Take(50));
    }

    static readonly string[] ArmMnemonics =
    [
        "and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq", "cmp", "cmn", "orr", "mov", "bic", "mvn",
        "mul", "mla", "umull", "umlal", "smull", "smlal",
        "smlabb", "smlabt", "smlatb", "smlatt", "smulbb", "smulbt", "smultb", "smultt", "smlawb", "smlawt", "smulwb",
        "smulwt", "smlalbb", "smlalbt", "smlaltb", "smlaltt", "qadd", "qsub", "qdadd", "qdsub", "clz", "mrs", "msr",
        "ldr", "str", "ldrb", "strb", "ldrt", "strt", "ldrbt", "strbt", "ldrh", "strh", "ldrsb", "ldrsh", "ldrd", "strd",
        "swp", "swpb", "ldmia", "ldmib", "ldmda", "ldmdb", "stmia", "stmib", "stmda", "stmdb", "b", "bl",
    ];

    static readonly string[] ThumbMnemonics =
    [
        "lsls", "lsrs", "asrs", "adds", "subs", "movs", "cmp", "ands", "eors", "adcs", "sbcs", "rors", "tst", "negs",
        "cmn", "orrs", "muls", "bics", "mvns", "add", "mov", "ldr", "str", "ldrb", "strb", "ldrh", "strh", "ldrsb",
        "ldrsh", "push", "pop", "ldmia", "stmia", "b", "bl", "beq", "bne",
    ];

    /// <summary>The default seeds draw every instruction the generator knows (ARM mnemonics are compared
    /// without their condition and S suffixes).</summary>
    [Theory]
    [InlineData(InstructionSet.Arm)]
    [InlineData(InstructionSet.Thumb)]
    public void The_default_seeds_cover_every_mnemonic(InstructionSet isa)
    {
        var used = Enumerable.Range(1, 40)
            .SelectMany(seed => Generate(isa, seed).Body)
            .Where(l => l.Contains("@ #"))
            .Select(l => l.Trim().Split(' ')[0])
            .ToHashSet();
        var expected = isa == InstructionSet.Arm ? ArmMnemonics : ThumbMnemonics;
        var missing = expected.Where(m => !used.Overlaps(isa == InstructionSet.Arm ? ArmSpellings(m) : [m])).ToList();
        Assert.Empty(missing);
    }

    /// <summary>The mnemonic with every S and condition suffix the generator may add.</summary>
    static IEnumerable<string> ArmSpellings(string mnemonic) =>
        from s in new[] { "", "s" }
        from cond in Enum.GetValues<Condition>()
        select mnemonic + s + cond.Suffix();
}
