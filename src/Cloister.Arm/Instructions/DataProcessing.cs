using System.Runtime.CompilerServices;

namespace Cloister.Arm;

/// <summary>The sixteen ARM data-processing instructions, generic over operand form and S bit.</summary>
internal static unsafe class DataProcessing
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Logical<S>(ArmCpu c, Insn* d, uint r, uint carry) where S : IFlagMode
    {
        if (S.Set && d->Rd != 15) { c.SetNZ(r); c.FlagC = carry; }
        c.WriteAluResult(d->Rd, r, S.Set);
    }

    public static void And<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint carry = 0;
        uint b = S.Set ? T.ValueAndCarry(c, d, out carry) : T.Value(c, d);
        Logical<S>(c, d, c.R[d->Rn] & b, carry);
    }

    public static void Eor<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint carry = 0;
        uint b = S.Set ? T.ValueAndCarry(c, d, out carry) : T.Value(c, d);
        Logical<S>(c, d, c.R[d->Rn] ^ b, carry);
    }

    public static void Orr<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint carry = 0;
        uint b = S.Set ? T.ValueAndCarry(c, d, out carry) : T.Value(c, d);
        Logical<S>(c, d, c.R[d->Rn] | b, carry);
    }

    public static void Bic<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint carry = 0;
        uint b = S.Set ? T.ValueAndCarry(c, d, out carry) : T.Value(c, d);
        Logical<S>(c, d, c.R[d->Rn] & ~b, carry);
    }

    public static void Mov<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint carry = 0;
        uint b = S.Set ? T.ValueAndCarry(c, d, out carry) : T.Value(c, d);
        Logical<S>(c, d, b, carry);
    }

    public static void Mvn<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint carry = 0;
        uint b = S.Set ? T.ValueAndCarry(c, d, out carry) : T.Value(c, d);
        Logical<S>(c, d, ~b, carry);
    }

    public static void Tst<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint b = T.ValueAndCarry(c, d, out uint carry);
        c.SetNZ(c.R[d->Rn] & b);
        c.FlagC = carry;
    }

    public static void Teq<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint b = T.ValueAndCarry(c, d, out uint carry);
        c.SetNZ(c.R[d->Rn] ^ b);
        c.FlagC = carry;
    }

    public static void Add<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint a = c.R[d->Rn], b = T.Value(c, d);
        uint r = S.Set && d->Rd != 15 ? c.AddWithCarry(a, b, 0) : a + b;
        c.WriteAluResult(d->Rd, r, S.Set);
    }

    public static void Adc<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint a = c.R[d->Rn], b = T.Value(c, d);
        uint r = S.Set && d->Rd != 15 ? c.AddWithCarry(a, b, c.FlagC) : a + b + c.FlagC;
        c.WriteAluResult(d->Rd, r, S.Set);
    }

    public static void Sub<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint a = c.R[d->Rn], b = T.Value(c, d);
        uint r = S.Set && d->Rd != 15 ? c.AddWithCarry(a, ~b, 1) : a - b;
        c.WriteAluResult(d->Rd, r, S.Set);
    }

    public static void Sbc<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint a = c.R[d->Rn], b = T.Value(c, d);
        uint r = S.Set && d->Rd != 15 ? c.AddWithCarry(a, ~b, c.FlagC) : a - b - (1 - c.FlagC);
        c.WriteAluResult(d->Rd, r, S.Set);
    }

    public static void Rsb<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint a = c.R[d->Rn], b = T.Value(c, d);
        uint r = S.Set && d->Rd != 15 ? c.AddWithCarry(b, ~a, 1) : b - a;
        c.WriteAluResult(d->Rd, r, S.Set);
    }

    public static void Rsc<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode
    {
        uint a = c.R[d->Rn], b = T.Value(c, d);
        uint r = S.Set && d->Rd != 15 ? c.AddWithCarry(b, ~a, c.FlagC) : b - a - (1 - c.FlagC);
        c.WriteAluResult(d->Rd, r, S.Set);
    }

    public static void Cmp<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode =>
        c.AddWithCarry(c.R[d->Rn], ~T.Value(c, d), 1);

    public static void Cmn<T, S>(ArmCpu c, Insn* d) where T : IOperand2 where S : IFlagMode =>
        c.AddWithCarry(c.R[d->Rn], T.Value(c, d), 0);

    /// <summary>Handlers indexed by [opcode * 8 + form * 2 + S], form: 0 imm, 1 reg, 2 shift-imm, 3 shift-reg.</summary>
    public static readonly delegate*<ArmCpu, Insn*, void>[] Table = BuildTable();

    static delegate*<ArmCpu, Insn*, void>[] BuildTable()
    {
        var t = new delegate*<ArmCpu, Insn*, void>[16 * 8];
        Fill<ImmOperand>(t, 0);
        Fill<RegOperand>(t, 1);
        Fill<ShiftImmOperand>(t, 2);
        Fill<ShiftRegOperand>(t, 3);
        return t;
    }

    static void Fill<T>(delegate*<ArmCpu, Insn*, void>[] t, int form) where T : IOperand2
    {
        void Put(int op, delegate*<ArmCpu, Insn*, void> keep, delegate*<ArmCpu, Insn*, void> set)
        {
            t[op * 8 + form * 2] = keep;
            t[op * 8 + form * 2 + 1] = set;
        }
        Put(0, &And<T, KeepFlags>, &And<T, SetFlags>);
        Put(1, &Eor<T, KeepFlags>, &Eor<T, SetFlags>);
        Put(2, &Sub<T, KeepFlags>, &Sub<T, SetFlags>);
        Put(3, &Rsb<T, KeepFlags>, &Rsb<T, SetFlags>);
        Put(4, &Add<T, KeepFlags>, &Add<T, SetFlags>);
        Put(5, &Adc<T, KeepFlags>, &Adc<T, SetFlags>);
        Put(6, &Sbc<T, KeepFlags>, &Sbc<T, SetFlags>);
        Put(7, &Rsc<T, KeepFlags>, &Rsc<T, SetFlags>);
        Put(8, &Tst<T, SetFlags>, &Tst<T, SetFlags>);
        Put(9, &Teq<T, SetFlags>, &Teq<T, SetFlags>);
        Put(10, &Cmp<T, SetFlags>, &Cmp<T, SetFlags>);
        Put(11, &Cmn<T, SetFlags>, &Cmn<T, SetFlags>);
        Put(12, &Orr<T, KeepFlags>, &Orr<T, SetFlags>);
        Put(13, &Mov<T, KeepFlags>, &Mov<T, SetFlags>);
        Put(14, &Bic<T, KeepFlags>, &Bic<T, SetFlags>);
        Put(15, &Mvn<T, KeepFlags>, &Mvn<T, SetFlags>);
    }
}
