using Cloister.Differential.Tests.Encoding;

namespace Cloister.Differential.Tests.Generator.Thumb;

public sealed partial class ThumbBlockGenerator
{
    /// <summary>LSL #0-31, LSR/ASR #1-32 (32 is encoded as 0). LSL #0 is the flag-setting low-register move.</summary>
    void ShiftByImmediate(BlockBuilder b)
    {
        int kind = _rng.Next(3);
        int amount = kind == 0 ? _rng.Next(32) : 1 + _rng.Next(32);
        string op = kind switch { 0 => "lsls", 1 => "lsrs", _ => "asrs" };
        b.Instruction($"{op} {R(PickLow())}, {R(PickLow())}, #{amount}");
    }

    void AddSubtract(BlockBuilder b)
    {
        string op = _rng.Chance(0.5) ? "adds" : "subs";
        string operand = _rng.Chance(0.5) ? R(PickLow()) : $"#{_rng.Next(8)}";
        b.Instruction($"{op} {R(PickLow())}, {R(PickLow())}, {operand}");
    }

    void Immediate8(BlockBuilder b)
    {
        string op = _rng.Pick(["movs", "cmp", "adds", "subs"]);
        int imm = _rng.Chance(0.3) ? _rng.Pick([0, 1, 0x7F, 0x80, 0xFF]) : _rng.Next(256);
        b.Instruction($"{op} {R(PickLow())}, #{imm}");
    }

    static readonly string[] AluOps =
        ["ands", "eors", "lsls", "lsrs", "asrs", "adcs", "sbcs", "rors", "tst", "negs", "cmp", "cmn", "orrs", "muls", "bics", "mvns"];

    /// <summary>The sixteen format-4 operations. MUL with Rd = Rm is UNPREDICTABLE before ARMv6 (Thumb MUL);
    /// ARMv5 leaves C unchanged. Register shifts use Rs[7:0], so Rs is often prepared with 0, 32 or more.</summary>
    void AluOperation(BlockBuilder b)
    {
        string op = _rng.Pick(AluOps);
        int rd = PickLow();
        if (op == "muls")
        {
            b.Instruction($"muls {R(rd)}, {R(PickLow(rd))}, {R(rd)}");
            return;
        }
        int rm = PickLow();
        if (op is "lsls" or "lsrs" or "asrs" or "rors" && _rng.Chance(0.75)) b.Load(rm, RandomValues.ShiftAmount(_rng));
        b.Instruction($"{op} {R(rd)}, {R(rm)}");
    }

    /// <summary>
    /// Format 5 ADD/CMP/MOV with at least one of r8-r15: with two low registers they are UNPREDICTABLE on
    /// ARMv5 (ADD (4), CMP (3), MOV (3)). Rd = PC would branch, so it is not used. Rm = PC reads the
    /// instruction's address + 4, which is the same in both runs; CMP avoids PC altogether because the
    /// ARM ARM makes CMP with PC as either operand UNPREDICTABLE (CMP (3); ARMv7 keeps the rule for CMP T2).
    /// </summary>
    void HighRegisterOperation(BlockBuilder b)
    {
        string op = _rng.Pick(["add", "mov", "cmp"]);
        int[] candidates = op == "cmp" ? [.. Enumerable.Range(0, 15)] : [.. Enumerable.Range(0, 16)];
        int rd = _rng.PickRegister(Enumerable.Range(0, 15).ToArray());
        int rm = rd < 8 ? _rng.PickRegister(candidates.Where(r => r >= 8).ToArray()) : _rng.Pick(candidates);
        b.Instruction($"{op} {R(rd)}, {R(rm)}");
    }

    /// <summary>ADD Rd, PC/SP, #imm8*4: the PC form reads the word-aligned address + 4.</summary>
    void LoadAddress(BlockBuilder b)
    {
        string source = _rng.Chance(0.5) ? "pc" : "sp";
        b.Instruction($"add {R(PickLow())}, {source}, #{4 * _rng.Next(256)}");
    }

    void AdjustStackPointer(BlockBuilder b) =>
        b.Instruction($"{(_rng.Chance(0.5) ? "add" : "sub")} sp, #{4 * _rng.Next(128)}");
}
