using System.Numerics;
using Cloister.Differential.Tests.Encoding;

namespace Cloister.Differential.Tests.Generator.Thumb;

/// <summary>
/// Thumb loads and stores. As in ARM state the effective address is chosen first, inside the buffer, and
/// the base (and index, or SP) is loaded just before the instruction. On the ARM926 only LDR may use an
/// unaligned address (<see cref="GeneratorOptions.UnalignedWordLoads"/>), on ARMv6 every word and halfword
/// access (<see cref="GeneratorOptions.UnalignedAccesses"/>; the other rules are as in ARM state).
/// Rn = Rm is avoided in register-offset forms only so that the address can be chosen first.
/// </summary>
public sealed partial class ThumbBlockGenerator
{
    static readonly (string Op, int Size, bool Load)[] RegisterOffsetOps =
    [
        ("str", 4, false), ("strh", 2, false), ("strb", 1, false), ("ldrsb", 1, true),
        ("ldr", 4, true), ("ldrh", 2, true), ("ldrb", 1, true), ("ldrsh", 2, true),
    ];

    void LoadStoreRegisterOffset(BlockBuilder b)
    {
        var (op, size, load) = _rng.Pick(RegisterOffsetOps);
        uint address = BufferAddresses.Pick(_rng, size, Alignment(op, size, load));
        int rd = PickLow(), rn = PickLow(), rm = PickLow(rn);
        uint index = RandomValues.Word(_rng);
        b.Load(rn, address - index);
        b.Load(rm, index);
        b.Instruction($"{op} {R(rd)}, [{R(rn)}, {R(rm)}]");
    }

    static readonly (string Op, int Size, bool Load)[] ImmediateOffsetOps =
        [("str", 4, false), ("ldr", 4, true), ("strb", 1, false), ("ldrb", 1, true), ("strh", 2, false), ("ldrh", 2, true)];

    /// <summary>[Rn, #imm5 * size].</summary>
    void LoadStoreImmediateOffset(BlockBuilder b)
    {
        var (op, size, load) = _rng.Pick(ImmediateOffsetOps);
        int offset = size * _rng.Next(32);
        uint address = BufferAddresses.Pick(_rng, size, Alignment(op, size, load));
        int rd = PickLow(), rn = PickLow();
        b.Load(rn, address - (uint)offset);
        b.Instruction($"{op} {R(rd)}, [{R(rn)}, #{offset}]");
    }

    /// <summary>[SP, #imm8 * 4]. SP can only be set from a register in Thumb, so a low register is loaded and
    /// moved into SP; SP stays word-aligned.</summary>
    void LoadStoreSpRelative(BlockBuilder b)
    {
        bool load = _rng.Chance(0.5);
        int offset = 4 * _rng.Next(256);
        uint address = BufferAddresses.Pick(_rng, 4, 4);
        SetStackPointer(b, address - (uint)offset);
        b.Instruction($"{(load ? "ldr" : "str")} {R(PickLow())}, [sp, #{offset}]");
    }

    /// <summary>PUSH {list[, LR]} / POP {list}. POP {PC} would branch, so PC is never in the list; an empty
    /// list is UNPREDICTABLE.</summary>
    void PushPop(BlockBuilder b)
    {
        bool push = _rng.Chance(0.5);
        int mask = RandomLowMask(-1);
        if (push && _rng.Chance(0.3)) mask |= 1 << Reg.Lr;
        int count = BitOperations.PopCount((uint)mask);
        uint lowest = BufferAddresses.Pick(_rng, 4 * count, 4);
        SetStackPointer(b, push ? lowest + 4 * (uint)count : lowest);
        b.Instruction($"{(push ? "push" : "pop")} {Reg.List(Reg.InMask(mask))}");
    }

    /// <summary>LDMIA/STMIA Rn!, {list} (always written back). Rn is never in the list: STMIA with Rn in the
    /// list is UNPREDICTABLE unless Rn is the lowest register, and what LDMIA then does to Rn changed between
    /// architecture versions. An empty list is UNPREDICTABLE.</summary>
    void LoadStoreMultiple(BlockBuilder b)
    {
        bool load = _rng.Chance(0.5);
        int rn = PickLow();
        int mask = RandomLowMask(rn);
        int count = BitOperations.PopCount((uint)mask);
        b.Load(rn, BufferAddresses.Pick(_rng, 4 * count, 4));
        b.Instruction($"{(load ? "ldmia" : "stmia")} {R(rn)}!, {Reg.List(Reg.InMask(mask))}");
    }

    int Alignment(string op, int size, bool load) =>
        (op == "ldr" && load && _options.UnalignedWordLoads || _options.UnalignedAccesses && size > 1) && _rng.Chance(0.3) ? 1 : size;

    void SetStackPointer(BlockBuilder b, uint value)
    {
        int temp = PickLow();
        b.Load(temp, value);
        b.Prep($"mov sp, {R(temp)}");
    }

    int RandomLowMask(int excluded)
    {
        int mask = 0;
        foreach (int r in Low)
            if (r != excluded && _rng.Chance(0.35)) mask |= 1 << r;
        if (mask == 0) mask = 1 << PickLow(excluded);
        return mask;
    }
}
