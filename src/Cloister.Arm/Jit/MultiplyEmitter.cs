using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>
/// Native IL for MUL/MLA and the 64-bit multiplies (UMULL, UMLAL, SMULL, SMLAL), with the
/// handlers' effects: the S forms set N and Z only, the long forms write RdLo (the Rn field)
/// then RdHi (Rd). Forms naming the PC are unpredictable and left to the handlers.
/// </summary>
internal static unsafe class MultiplyEmitter
{
    enum Kind { Mul, Mla, Umull, Umlal, Smull, Smlal }

    static nint H(delegate*<ArmCpu, Insn*, void> f) => (nint)f;

    static readonly Dictionary<nint, Kind> Handlers = new()
    {
        [H(&Multiply.Mul)] = Kind.Mul, [H(&Multiply.Mla)] = Kind.Mla,
        [H(&Multiply.Umull)] = Kind.Umull, [H(&Multiply.Umlal)] = Kind.Umlal,
        [H(&Multiply.Smull)] = Kind.Smull, [H(&Multiply.Smlal)] = Kind.Smlal,
    };

    public static bool Handles(Insn* d) =>
        Handlers.ContainsKey((nint)d->Exec) && d->Rd != 15 && d->Rn != 15 && d->Rm != 15 && d->Rs != 15;

    public static void Emit(BlockContext c, Insn* d)
    {
        var il = c.IL;
        var kind = Handlers[(nint)d->Exec];
        bool setFlags = d->Extra != 0;
        if (kind is Kind.Mul or Kind.Mla)
        {
            var result = c.Local("mul.result", typeof(uint));
            c.EmitLoadRegister(d->Rm);
            c.EmitLoadRegister(d->Rs);
            il.Emit(OpCodes.Mul);
            if (kind == Kind.Mla)
            {
                c.EmitLoadRegister(d->Rn);
                il.Emit(OpCodes.Add);
            }
            il.Emit(OpCodes.Stloc, result);
            c.EmitStoreRegister(d->Rd, () => il.Emit(OpCodes.Ldloc, result));
            if (setFlags) FlagEmitter.EmitSetNZ(c, result);
            return;
        }

        var wide = c.Local("mul.wide", typeof(ulong));
        bool signed = kind is Kind.Smull or Kind.Smlal;
        c.EmitLoadRegister(d->Rm);
        il.Emit(signed ? OpCodes.Conv_I8 : OpCodes.Conv_U8);
        c.EmitLoadRegister(d->Rs);
        il.Emit(signed ? OpCodes.Conv_I8 : OpCodes.Conv_U8);
        il.Emit(OpCodes.Mul);
        if (kind is Kind.Umlal or Kind.Smlal)
        {
            // + RdHi:RdLo
            c.EmitLoadRegister(d->Rd);
            il.Emit(OpCodes.Conv_U8);
            il.Emit(OpCodes.Ldc_I4, 32);
            il.Emit(OpCodes.Shl);
            c.EmitLoadRegister(d->Rn);
            il.Emit(OpCodes.Conv_U8);
            il.Emit(OpCodes.Or);
            il.Emit(OpCodes.Add);
        }
        il.Emit(OpCodes.Stloc, wide);
        c.EmitStoreRegister(d->Rn, () => { il.Emit(OpCodes.Ldloc, wide); il.Emit(OpCodes.Conv_U4); });
        c.EmitStoreRegister(d->Rd, () =>
        {
            il.Emit(OpCodes.Ldloc, wide);
            il.Emit(OpCodes.Ldc_I4, 32);
            il.Emit(OpCodes.Shr_Un);
            il.Emit(OpCodes.Conv_U4);
        });
        if (!setFlags) return;
        il.Emit(OpCodes.Ldloc, wide);
        il.Emit(OpCodes.Ldc_I4, 63);
        il.Emit(OpCodes.Shr_Un);
        il.Emit(OpCodes.Conv_U4);
        c.EmitStoreFlag(CachedState.N);
        il.Emit(OpCodes.Ldloc, wide);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Conv_U8);
        il.Emit(OpCodes.Ceq);
        c.EmitStoreFlag(CachedState.Z);
    }
}
