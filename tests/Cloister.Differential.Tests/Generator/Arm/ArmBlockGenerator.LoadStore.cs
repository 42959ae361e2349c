using Cloister.Differential.Tests.Encoding;

namespace Cloister.Differential.Tests.Generator.Arm;

/// <summary>
/// Single loads and stores. The generator first picks the effective address inside the buffer, then works
/// backwards to the base (and index) values and loads them just before the instruction; the index value is
/// random, so the base may lie anywhere in the address space, as in real code.
/// Exclusions, all from the ARM ARM's operand restrictions for the loads and stores and addressing modes 2 and 3:
/// <list type="bullet">
/// <item>Rn = PC: the address would be in the code, not the buffer (and with writeback it is UNPREDICTABLE).</item>
/// <item>Rd = PC: a load branches; what a store writes is IMPLEMENTATION DEFINED (address + 8 or + 12).</item>
/// <item>Rm = PC is UNPREDICTABLE.</item>
/// <item>With writeback: Rn = Rd is UNPREDICTABLE, and so is Rn = Rm for register offsets.</item>
/// <item>Rn = Rm is avoided without writeback too, only because the address could then not be chosen first.</item>
/// <item>RRX is not used as an index shift: its result depends on the run-time carry, which the generator
/// does not know, so the address could not be kept inside the buffer.</item>
/// <item>On the ARM926 only word loads may be unaligned (<see cref="GeneratorOptions.UnalignedWordLoads"/>;
/// on ARMv6 word and halfword stores too, <see cref="GeneratorOptions.UnalignedAccesses"/>). Unaligned
/// halfword and doubleword accesses are UNPREDICTABLE on ARMv5, and an unaligned STR writes the aligned word
/// on the ARM926 while QEMU writes the bytes at the address, so no oracle would be right for them.</item>
/// </list>
/// </summary>
public sealed partial class ArmBlockGenerator
{
    enum Indexing { Offset, PreIndexed, PostIndexed }

    /// <summary>An addressing-mode operand whose base (and index) registers have been set up.</summary>
    readonly record struct AddressOperand(string Syntax);

    void LoadStoreWordOrByte(BlockBuilder b)
    {
        bool load = _rng.Chance(0.5), isByte = _rng.Chance(0.4);
        // LDRT/STRT/LDRBT/STRBT: post-indexed only; with no MMU they access memory like the plain forms.
        bool user = _rng.Chance(0.1);
        int alignment = isByte ? 1 : (load && _options.UnalignedWordLoads || _options.UnalignedAccesses) && _rng.Chance(0.3) ? 1 : 4;
        uint address = BufferAddresses.Pick(_rng, isByte ? 1 : 4, alignment);
        var indexing = user ? Indexing.PostIndexed : (Indexing)_rng.Next(3);
        int rd = Pick();
        var operand = _rng.Chance(0.5)
            ? ImmediateAddress(b, address, indexing, rd, _rng.Chance(0.5) ? _rng.Next(4096) : _rng.Next(64))
            : RegisterAddress(b, address, indexing, rd, ImmediateShift.Random(_rng), [rd]);
        string op = (load ? "ldr" : "str") + (isByte ? "b" : "") + (user ? "t" : "");
        b.Instruction($"{op}{Cond()} {R(rd)}, {operand.Syntax}");
    }

    static readonly (string Op, int Size)[] HalfwordOps = [("ldrh", 2), ("strh", 2), ("ldrsh", 2), ("ldrsb", 1)];

    /// <summary>Halfword and signed loads (addressing mode 3): 8-bit immediate or unshifted register offsets.</summary>
    void LoadStoreHalfwordOrSigned(BlockBuilder b)
    {
        var (op, size) = _rng.Pick(HalfwordOps);
        uint address = BufferAddresses.Pick(_rng, size, size == 2 && _options.UnalignedAccesses && _rng.Chance(0.3) ? 1 : size);
        var indexing = (Indexing)_rng.Next(3);
        int rd = Pick();
        var operand = _rng.Chance(0.5)
            ? ImmediateAddress(b, address, indexing, rd, _rng.Next(256))
            : RegisterAddress(b, address, indexing, rd, ImmediateShift.None, [rd]);
        b.Instruction($"{op}{Cond()} {R(rd)}, {operand.Syntax}");
    }

    /// <summary>LDRD/STRD (ARMv5TE): Rd even and not R14 (the pair would include PC), the address
    /// 8-aligned (ARMv5TE: otherwise UNPREDICTABLE), Rm not in the pair for LDRD. Rn in the pair is
    /// UNPREDICTABLE with writeback; it is avoided always, to keep one rule.</summary>
    void LoadStoreDoubleword(BlockBuilder b)
    {
        bool load = _rng.Chance(0.5);
        int rd = 2 * _rng.Next(7);
        uint address = BufferAddresses.Pick(_rng, 8, 8);
        var indexing = (Indexing)_rng.Next(3);
        var operand = _rng.Chance(0.5)
            ? ImmediateAddress(b, address, indexing, rd, _rng.Next(256), rd + 1)
            : RegisterAddress(b, address, indexing, rd, ImmediateShift.None, [rd, rd + 1]);
        b.Instruction($"{(load ? "ldrd" : "strd")}{Cond()} {R(rd)}, {R(rd + 1)}, {operand.Syntax}");
    }

    /// <summary>SWP/SWPB: Rn must differ from Rd and Rm; PC is UNPREDICTABLE. Rd = Rm is allowed.</summary>
    void Swap(BlockBuilder b)
    {
        bool isByte = _rng.Chance(0.5);
        int rd = Pick(), rm = Pick(), rn = Pick(rd, rm);
        b.Load(rn, BufferAddresses.Pick(_rng, isByte ? 1 : 4, isByte ? 1 : 4));
        b.Instruction($"swp{(isByte ? "b" : "")}{Cond()} {R(rd)}, {R(rm)}, [{R(rn)}]");
    }

    /// <summary>[Rn, #±imm], [Rn, #±imm]! or [Rn], #±imm. A written-back Rn avoids <paramref name="rd"/> and
    /// <paramref name="alsoAvoid"/> (the second register of a pair).</summary>
    AddressOperand ImmediateAddress(BlockBuilder b, uint address, Indexing indexing, int rd, int imm, int alsoAvoid = -1)
    {
        bool add = _rng.Chance(0.5);
        uint delta = add ? (uint)imm : 0u - (uint)imm;
        int rn = alsoAvoid >= 0 || indexing != Indexing.Offset ? Pick(rd, alsoAvoid) : Pick();
        b.Load(rn, indexing == Indexing.PostIndexed ? address : address - delta);
        string offset = $"#{(add ? "" : "-")}{imm}";
        return Format(rn, offset, indexing);
    }

    /// <summary>[Rn, ±Rm{, shift}] and its pre- and post-indexed forms; Rm holds a random value.</summary>
    AddressOperand RegisterAddress(BlockBuilder b, uint address, Indexing indexing, int rd, ImmediateShift shift, int[] avoidForRm)
    {
        bool add = _rng.Chance(0.5);
        bool writeback = indexing != Indexing.Offset;
        // Rn avoids the transfer registers when written back; a pair's registers are always avoided.
        int rn = writeback || avoidForRm.Length > 1 ? Pick(avoidForRm) : Pick();
        int rm = avoidForRm.Length > 1 ? Pick([.. avoidForRm, rn]) : Pick(rn);
        uint index = RandomValues.Word(_rng);
        uint scaled = shift.Apply(index);
        uint delta = add ? scaled : 0u - scaled;
        b.Load(rn, indexing == Indexing.PostIndexed ? address : address - delta);
        b.Load(rm, index);
        return Format(rn, $"{(add ? "" : "-")}{R(rm)}{shift.Syntax}", indexing);
    }

    static AddressOperand Format(int rn, string offset, Indexing indexing) => indexing switch
    {
        Indexing.Offset => new($"[{R(rn)}, {offset}]"),
        Indexing.PreIndexed => new($"[{R(rn)}, {offset}]!"),
        _ => new($"[{R(rn)}], {offset}"),
    };
}
