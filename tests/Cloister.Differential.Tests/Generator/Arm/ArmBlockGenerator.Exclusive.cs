namespace Cloister.Differential.Tests.Generator.Arm;

/// <summary>
/// LDREX/STREX (ARMv6) and LDREXB/H/D, STREXB/H/D, CLREX (ARMv6K) on buffer addresses, aligned to the
/// access size (an unaligned exclusive access always faults). A store usually follows the last load's
/// address and size, so it succeeds; sometimes it has another address or size, or no load before it (the
/// monitor is open only after an LDREX), so it fails and writes 1. Rules (ARM ARM v6, LDREX/STREX):
/// no PC; STREX's status register differs from the base and the stored register(s); the doubleword pair
/// starts at an even register other than r14.
/// </summary>
public sealed partial class ArmBlockGenerator
{
    (uint Address, string Size)? _lastExclusive;

    string ExclusiveSize() => _options.Target.Has(ArchFeatures.V6K) ? _rng.Pick(["", "", "b", "h", "d"]) : "";

    static int SizeInBytes(string size) => size switch { "b" => 1, "h" => 2, "d" => 8, _ => 4 };

    void LoadExclusive(BlockBuilder b)
    {
        string size = ExclusiveSize();
        uint address = BufferAddresses.Pick(_rng, SizeInBytes(size), SizeInBytes(size));
        _lastExclusive = (address, size);
        if (size == "d")
        {
            int rt = 2 * _rng.Next(7), rn = Pick(rt, rt + 1);
            b.Load(rn, address);
            b.Instruction($"ldrexd{Cond()} {R(rt)}, {R(rt + 1)}, [{R(rn)}]");
            return;
        }
        int reg = Pick(), baseReg = Pick(reg);
        b.Load(baseReg, address);
        b.Instruction($"ldrex{size}{Cond()} {R(reg)}, [{R(baseReg)}]");
    }

    void StoreExclusive(BlockBuilder b)
    {
        uint address;
        string size;
        if (_lastExclusive is { } last && _rng.Chance(0.7)) (address, size) = last;
        else
        {
            size = ExclusiveSize();
            address = BufferAddresses.Pick(_rng, SizeInBytes(size), SizeInBytes(size));
        }
        if (size == "d")
        {
            int rt = 2 * _rng.Next(7), rn = Pick(rt, rt + 1), status = Pick(rt, rt + 1, rn);
            b.Load(rn, address);
            b.Instruction($"strexd{Cond()} {R(status)}, {R(rt)}, {R(rt + 1)}, [{R(rn)}]");
            return;
        }
        int value = Pick(), baseReg = Pick(value), result = Pick(value, baseReg);
        b.Load(baseReg, address);
        b.Instruction($"strex{size}{Cond()} {R(result)}, {R(value)}, [{R(baseReg)}]");
    }

    /// <summary>CLREX is unconditional (it lives in the 0b1111 condition space).</summary>
    void ClearExclusive(BlockBuilder b) => b.Instruction("clrex");
}
