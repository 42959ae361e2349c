using Cloister.Differential.Tests.Generator;
using Cloister.Differential.Tests.Runner;

namespace Cloister.Differential.Tests.Tests;

/// <summary>On a VFP target the comparer must also catch a wrong S register or FPSCR, and name the program
/// with its CPU so CLOISTER_DIFF_SEED reproduces it.</summary>
public sealed class VfpComparerSelfCheckTests
{
    static readonly DifferentialCase Case = new(TargetCpu.Arm1176, InstructionSet.Arm, 1, CaseSelection.DefaultLength);

    static async Task<(BuiltProgram Built, MachineRun Oracle, MachineDump Dump)> Reference()
    {
        var reference = await OracleReference.Of(Case);
        Assert.NotNull(reference.Dump.Vfp);
        return reference;
    }

    static MachineRun Altered(MachineDump dump) => OracleReference.Printing(dump);

    [Fact]
    public async Task The_dump_round_trips_through_text()
    {
        var (built, oracle, dump) = await Reference();
        Assert.Null(Verdict.Judge(built, oracle, Altered(dump)));
    }

    [Fact]
    public async Task A_changed_single_register_is_reported_with_its_double()
    {
        var (built, oracle, dump) = await Reference();
        var singles = (uint[])dump.Vfp!.Singles.Clone();
        singles[7] ^= 0x400000;
        string? report = Verdict.Judge(built, oracle, Altered(dump with { Vfp = dump.Vfp with { Singles = singles } }));

        Assert.NotNull(report);
        Assert.Contains("Program arm1176/arm:1 (seed 1,", report);
        Assert.Contains($"s7 (half of d3): expected 0x{dump.Vfp.Singles[7]:x8}, got 0x{singles[7]:x8}", report);
        Assert.Contains("CLOISTER_DIFF_SEED=arm1176/arm:1 ", report);
        Assert.DoesNotContain("s6 ", report);
    }

    [Fact]
    public async Task A_changed_fpscr_names_its_fields()
    {
        var (built, oracle, dump) = await Reference();
        var altered = dump with { Vfp = dump.Vfp! with { Fpscr = dump.Vfp.Fpscr ^ (1u << 24 | 1u << 3) } };
        string? report = Verdict.Judge(built, oracle, Altered(altered));

        Assert.NotNull(report);
        Assert.Contains("differs in FZ, UFC", report);
    }

    [Fact]
    public async Task A_dump_without_vfp_state_is_a_failure()
    {
        var (built, oracle, dump) = await Reference();
        string? report = Verdict.Judge(built, oracle, Altered(dump with { Vfp = null }));

        Assert.NotNull(report);
        Assert.Contains("VFP state: expected a dump, got none", report);
    }
}
