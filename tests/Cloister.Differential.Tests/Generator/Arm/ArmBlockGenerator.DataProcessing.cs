using Cloister.Differential.Tests.Encoding;

namespace Cloister.Differential.Tests.Generator.Arm;

public sealed partial class ArmBlockGenerator
{
    static readonly string[] DataOps =
        ["and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq", "cmp", "cmn", "orr", "mov", "bic", "mvn"];

    static readonly string[] ShiftNames = ["lsl", "lsr", "asr", "ror"];

    /// <summary>All sixteen opcodes with every shifter-operand form (addressing mode 1). Rn/Rm may be PC (read as the
    /// instruction's address + 8) when the shift is immediate; with a register-specified shift, PC in any
    /// operand is UNPREDICTABLE (addressing mode 1), so it is not used there.</summary>
    void DataProcessing(BlockBuilder b)
    {
        string op = _rng.Pick(DataOps);
        bool compare = op is "tst" or "teq" or "cmp" or "cmn";
        bool move = op is "mov" or "mvn";
        bool registerShift = false;
        string operand2;
        switch (_rng.Next(10))
        {
            case < 3:
                operand2 = ArmImmediate.Random(_rng).Syntax;
                break;
            case < 7:
                operand2 = R(PickSourceMaybePc()) + ImmediateShift.Random(_rng).Syntax;
                break;
            case 7:
                operand2 = R(PickSourceMaybePc()) + ", rrx";
                break;
            default:
                registerShift = true;
                int rm = Pick(), rs = Pick();
                // Shift amounts come from Rs[7:0]; a prepared value reaches 0, 32 and >32, which a random
                // register rarely holds.
                if (_rng.Chance(0.75)) b.Load(rs, RandomValues.ShiftAmount(_rng));
                operand2 = $"{R(rm)}, {_rng.Pick(ShiftNames)} {R(rs)}";
                break;
        }
        int rn = registerShift ? Pick() : PickSourceMaybePc();
        string cond = Cond();
        if (compare) b.Instruction($"{op}{cond} {R(rn)}, {operand2}");
        else if (move) b.Instruction($"{op}{S()}{cond} {R(Pick())}, {operand2}");
        else b.Instruction($"{op}{S()}{cond} {R(Pick())}, {R(rn)}, {operand2}");
    }

    int PickSourceMaybePc() => _rng.Chance(0.04) ? Reg.Pc : Pick();
}
