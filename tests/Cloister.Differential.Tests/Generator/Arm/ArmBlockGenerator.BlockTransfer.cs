using System.Numerics;
using Cloister.Differential.Tests.Encoding;

namespace Cloister.Differential.Tests.Generator.Arm;

public sealed partial class ArmBlockGenerator
{
    static readonly string[] TransferModes = ["ia", "ib", "da", "db"];

    /// <summary>
    /// LDM/STM in all four modes, with and without writeback (addressing mode 4). Exclusions:
    /// an empty list is UNPREDICTABLE; PC in the list would branch (LDM) or store an IMPLEMENTATION DEFINED
    /// value (STM); with writeback, Rn in the list is UNPREDICTABLE for LDM and for STM unless Rn is the lowest
    /// register, so it is left out of the list; the ^ (user bank / SPSR) forms are system-level, not user ISA.
    /// Without writeback Rn may be in the list: LDM then loads it, STM stores its original value.
    /// </summary>
    void LoadStoreMultiple(BlockBuilder b)
    {
        bool load = _rng.Chance(0.5), writeback = _rng.Chance(0.5);
        string mode = _rng.Pick(TransferModes);
        int rn = Pick();
        int mask = RandomRegisterMask(writeback ? rn : -1);
        int count = BitOperations.PopCount((uint)mask);
        uint lowest = BufferAddresses.Pick(_rng, 4 * count, 4);
        uint baseValue = mode switch
        {
            "ia" => lowest,
            "ib" => lowest - 4,
            "da" => lowest + 4 * (uint)count - 4,
            _ => lowest + 4 * (uint)count,
        };
        b.Load(rn, baseValue);
        b.Instruction($"{(load ? "ldm" : "stm")}{mode}{Cond()} {R(rn)}{(writeback ? "!" : "")}, {Reg.List(Reg.InMask(mask))}");
    }

    /// <summary>A non-empty subset of r0-r14 without <paramref name="excluded"/>, mostly short lists.</summary>
    int RandomRegisterMask(int excluded)
    {
        double density = _rng.Chance(0.2) ? 0.8 : 0.25;
        int mask = 0;
        foreach (int r in Gpr)
            if (r != excluded && _rng.Chance(density)) mask |= 1 << r;
        if (mask == 0) mask = 1 << Pick(excluded);
        return mask;
    }

    /// <summary>Forward B/BL over 0-3 following instructions, conditional or not. BL's link value is the
    /// address of the next instruction, the same in both runs. BLX (immediate) is left out: it would switch
    /// to Thumb in the middle of an ARM block.</summary>
    void Branch(BlockBuilder b)
    {
        if (!b.BranchesAllowed)
        {
            DataProcessing(b);
            return;
        }
        string target = b.ForwardTarget(1 + _rng.Next(4));
        b.Instruction($"{(_rng.Chance(0.2) ? "bl" : "b")}{Cond()} {target}");
    }
}
