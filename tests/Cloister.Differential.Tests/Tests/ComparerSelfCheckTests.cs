using Cloister.Differential.Tests.Generator;
using Cloister.Differential.Tests.Runner;

namespace Cloister.Differential.Tests.Tests;

/// <summary>The comparer must catch a wrong dump and name the right seed, register, flag or byte.</summary>
public sealed class ComparerSelfCheckTests
{
    static readonly DifferentialCase Case = new(InstructionSet.Arm, 1, CaseSelection.DefaultLength);

    static Task<(BuiltProgram Built, MachineRun Oracle, MachineDump Dump)> Reference() => OracleReference.Of(Case);

    static MachineRun Altered(MachineDump dump) => OracleReference.Printing(dump);

    [Fact]
    public async Task Identical_dumps_agree()
    {
        var (built, oracle, dump) = await Reference();
        Assert.Null(Verdict.Judge(built, oracle, Altered(dump)));
    }

    [Fact]
    public async Task A_changed_register_is_reported_with_seed_and_register()
    {
        var (built, oracle, dump) = await Reference();
        string? report = Verdict.Judge(built, oracle, Altered(dump.With(5, dump.Registers[5] ^ 0x100)));

        Assert.NotNull(report);
        Assert.Contains("Program arm:1 (seed 1,", report);
        Assert.Contains($"r5: expected 0x{dump.Registers[5]:x8}, got 0x{dump.Registers[5] ^ 0x100:x8}", report);
        Assert.Contains("CLOISTER_DIFF_SEED=arm:1 ", report);
        Assert.Contains(built.SourcePath, report);
        Assert.Contains("@ #199", report);
        Assert.DoesNotContain("r4:", report);
    }

    [Fact]
    public async Task A_changed_flag_is_named()
    {
        var (built, oracle, dump) = await Reference();
        string? report = Verdict.Judge(built, oracle, Altered(dump with { Cpsr = dump.Cpsr ^ (1u << 29) }));

        Assert.NotNull(report);
        Assert.Contains("differs in C", report);
    }

    [Fact]
    public async Task The_first_changed_byte_is_reported()
    {
        var (built, oracle, dump) = await Reference();
        var altered = dump.WithByte(0x123, (byte)(dump.Buffer[0x123] ^ 0xFF)).WithByte(0x456, (byte)(dump.Buffer[0x456] + 1));
        string? report = Verdict.Judge(built, oracle, Altered(altered));

        Assert.NotNull(report);
        Assert.Contains($"buffer byte +0x123 (address 0x{Layout.BufferAddress + 0x123:x8})", report);
        Assert.Contains("2 byte(s) differ", report);
    }

    [Fact]
    public async Task A_missing_dump_and_a_wrong_exit_status_are_failures()
    {
        var (built, oracle, _) = await Reference();
        string? report = Verdict.Judge(built, oracle, new MachineRun("broken", 1, "some text but no dump", false));

        Assert.NotNull(report);
        Assert.Contains("begin marker missing", report);
        Assert.Contains("exit status: expected 0, got 1", report);
    }
}
