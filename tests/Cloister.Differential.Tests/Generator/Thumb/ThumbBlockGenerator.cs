using Cloister.Differential.Tests.Encoding;

namespace Cloister.Differential.Tests.Generator.Thumb;

/// <summary>
/// Random Thumb-1 instructions (ARMv5T, ARM ARM chapter A6/A7), one class per instruction format, and the
/// ARMv6 additions on the ARM11 targets.
/// Rules for the whole generator: PC is never written (a write would branch out of the block); no SWI,
/// BKPT or BLX (they leave the block or the instruction set); branches only go forwards.
/// Flag-setting forms are written with the S suffix because the block is assembled in unified syntax and
/// Thumb-1 has no other form; the assembler for arm926ej-s rejects any 32-bit Thumb-2 encoding, so every
/// line really is a 16-bit Thumb-1 instruction (BL is the one 32-bit pair, as on ARMv5); the ARM11 cores
/// have no Thumb-2 either.
/// </summary>
public sealed partial class ThumbBlockGenerator : IBlockGenerator
{
    /// <summary>r0-r7, the only registers most formats can name.</summary>
    static readonly int[] Low = Enumerable.Range(0, 8).ToArray();

    readonly Rng _rng;
    readonly GeneratorOptions _options;
    readonly WeightedTable _table;

    public ThumbBlockGenerator(GeneratorOptions options, Rng rng)
    {
        _rng = rng;
        _options = options;
        _table = new WeightedTable(
        [
            new("shift by immediate (format 1)", 8, ArchFeatures.None, ShiftByImmediate),
            new("add/subtract (format 2)", 7, ArchFeatures.None, AddSubtract),
            new("move/compare/add/subtract immediate (format 3)", 7, ArchFeatures.None, Immediate8),
            new("ALU operations (format 4)", 18, ArchFeatures.None, AluOperation),
            new("high register operations (format 5)", 6, ArchFeatures.None, HighRegisterOperation),
            new("PC-relative load (format 6)", 3, ArchFeatures.None, LoadConstant),
            new("load/store register offset (formats 7, 8)", 8, ArchFeatures.None, LoadStoreRegisterOffset),
            new("load/store immediate offset (formats 9, 10)", 8, ArchFeatures.None, LoadStoreImmediateOffset),
            new("SP-relative load/store (format 11)", 4, ArchFeatures.None, LoadStoreSpRelative),
            new("load address (format 12)", 3, ArchFeatures.None, LoadAddress),
            new("adjust SP (format 13)", 2, ArchFeatures.None, AdjustStackPointer),
            new("push/pop (format 14)", 4, ArchFeatures.None, PushPop),
            new("load/store multiple (format 15)", 4, ArchFeatures.None, LoadStoreMultiple),
            new("conditional branch (format 16)", 4, ArchFeatures.None, ConditionalBranch),
            new("unconditional branch (format 18)", 2, ArchFeatures.None, UnconditionalBranch),
            new("branch with link (format 19)", 2, ArchFeatures.None, BranchWithLink),
            new("ARMv6: CPY, REV, SXT/UXT", 8, ArchFeatures.V6, V6Additions),
        ], options.Target, rng);
    }

    public IReadOnlyList<InstructionClass> Classes => _table.Classes;

    public void EmitOne(BlockBuilder block) => _table.Draw().Emit(block);

    int PickLow(params int[] excluded) => _rng.PickRegister(Low, excluded);

    static string R(int reg) => Reg.Name(reg);

    void LoadConstant(BlockBuilder b) => b.Instruction($"ldr {R(PickLow())}, {b.Literal(RandomValues.Word(_rng))}");

    /// <summary>B&lt;cond&gt; forward. AL and 0b1111 are not conditions here: 1110 is UNDEFINED and 1111 is SWI.</summary>
    void ConditionalBranch(BlockBuilder b)
    {
        if (!b.BranchesAllowed) { AluOperation(b); return; }
        var cond = (Condition)_rng.Next(14);
        b.Instruction($"b{cond.Suffix()} {b.ForwardTarget(1 + _rng.Next(4))}");
    }

    void UnconditionalBranch(BlockBuilder b)
    {
        if (!b.BranchesAllowed) { AluOperation(b); return; }
        b.Instruction($"b {b.ForwardTarget(1 + _rng.Next(4))}");
    }

    /// <summary>BL forward: LR becomes the return address with bit 0 set, the same in both runs.</summary>
    void BranchWithLink(BlockBuilder b)
    {
        if (!b.BranchesAllowed) { AluOperation(b); return; }
        b.Instruction($"bl {b.ForwardTarget(1 + _rng.Next(4))}");
    }
}
