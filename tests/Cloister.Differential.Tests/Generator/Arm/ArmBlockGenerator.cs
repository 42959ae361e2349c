using Cloister.Differential.Tests.Encoding;

namespace Cloister.Differential.Tests.Generator.Arm;

/// <summary>
/// Random ARM-state (A32) instructions of the ARMv5TE user-mode ISA, plus ARMv6/v6K and VFPv2 on the
/// ARM11 targets. Each partial file emits one group;
/// every exclusion is commented at the place it is made, with the ARM ARM's reason.
/// Rules that hold for the whole generator:
/// <list type="bullet">
/// <item>The condition is never 0b1111: on ARMv5 that space holds other (unconditional) instructions.</item>
/// <item>PC is never a destination: a write to PC would leave the block (or, with S, return from an exception).</item>
/// <item>No SVC, BKPT, coprocessor, or mode-changing instruction: the block must run straight to the dump.</item>
/// </list>
/// </summary>
public sealed partial class ArmBlockGenerator : IBlockGenerator
{
    /// <summary>r0-r14: registers that may be read or written freely (r13/r14 are ordinary in ARM state).</summary>
    static readonly int[] Gpr = Enumerable.Range(0, 15).ToArray();

    readonly Rng _rng;
    readonly GeneratorOptions _options;
    readonly WeightedTable _table;

    public ArmBlockGenerator(GeneratorOptions options, Rng rng)
    {
        _rng = rng;
        _options = options;
        _table = new WeightedTable(
        [
            new("data processing", 30, ArchFeatures.None, DataProcessing),
            new("multiply", 6, ArchFeatures.None, Multiply),
            new("multiply long", 6, ArchFeatures.None, MultiplyLong),
            new("DSP multiply", 8, ArchFeatures.Dsp, DspMultiply),
            new("saturating add/sub", 5, ArchFeatures.Dsp, SaturatingArithmetic),
            new("count leading zeros", 2, ArchFeatures.V5T, CountLeadingZeros),
            new("MRS", 2, ArchFeatures.None, ReadStatus),
            new("MSR flags", 3, ArchFeatures.None, WriteFlags),
            new("load constant", 3, ArchFeatures.None, LoadConstant),
            new("load/store word/byte", 14, ArchFeatures.None, LoadStoreWordOrByte),
            new("load/store halfword/signed", 8, ArchFeatures.None, LoadStoreHalfwordOrSigned),
            new("load/store doubleword", 4, ArchFeatures.Dsp, LoadStoreDoubleword),
            new("swap", 3, ArchFeatures.None, Swap),
            new("load/store multiple", 6, ArchFeatures.None, LoadStoreMultiple),
            new("branch", 5, ArchFeatures.None, Branch),
            // ARMv6, v6K and VFP rows; the ARM926 never draws them, so its programs are as before.
            new("parallel add/subtract", 8, ArchFeatures.V6, ParallelAddSubtract),
            new("SEL", 3, ArchFeatures.V6, Select),
            new("sign/zero extend", 5, ArchFeatures.V6, Extend),
            new("REV, PKH, USAD8", 5, ArchFeatures.V6, PackReverseAbsoluteDifference),
            new("saturate", 4, ArchFeatures.V6, Saturate),
            new("ARMv6 multiply", 6, ArchFeatures.V6, V6Multiply),
            new("load exclusive", 3, ArchFeatures.V6, LoadExclusive),
            new("store exclusive", 3, ArchFeatures.V6, StoreExclusive),
            new("CLREX", 1, ArchFeatures.V6K, ClearExclusive),
            new("VFP arithmetic", 14, ArchFeatures.Vfp, VfpArithmetic),
            new("VFP compare", 4, ArchFeatures.Vfp, VfpCompare),
            new("VFP convert", 5, ArchFeatures.Vfp, VfpConvert),
            new("VFP transfer", 5, ArchFeatures.Vfp, VfpTransfer),
        ], options.Target, rng);
    }

    public IReadOnlyList<InstructionClass> Classes => _table.Classes;

    public void EmitOne(BlockBuilder block) => _table.Draw().Emit(block);

    /// <summary>AL most of the time, so most instructions execute; any other condition otherwise.</summary>
    string Cond() => (_rng.Chance(0.6) ? Condition.Al : (Condition)_rng.Next(14)).Suffix();

    string S() => _rng.Chance(0.5) ? "s" : "";

    int Pick(params int[] excluded) => _rng.PickRegister(Gpr, excluded);

    static string R(int reg) => Reg.Name(reg);

    void LoadConstant(BlockBuilder b) =>
        b.Instruction($"ldr{Cond()} {R(Pick())}, {b.Literal(RandomValues.Word(_rng))}");
}
