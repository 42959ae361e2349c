using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>Shifter.ByImmediate in IL for a shift type and amount known when translating (as the
/// decoder normalised them: LSL 0..31, LSR/ASR 1..32, ROR 1..31, RRX): a few host instructions
/// instead of a call with a switch.</summary>
internal static class ShiftEmitter
{
    /// <summary>Pushes <paramref name="value"/> shifted; with <paramref name="needCarry"/> also sets
    /// <paramref name="carry"/> to the shifter carry-out.</summary>
    public static void EmitByImmediate(BlockContext c, LocalBuilder value, int type, int amount, bool needCarry, LocalBuilder carry)
    {
        var il = c.IL;
        if (needCarry) EmitCarryOut(c, value, type, amount, carry);
        switch (type)
        {
            case ShiftKind.Lsl:
                il.Emit(OpCodes.Ldloc, value);
                if (amount != 0) { il.Emit(OpCodes.Ldc_I4, amount); il.Emit(OpCodes.Shl); }
                return;
            case ShiftKind.Lsr:
                if (amount == 32) { il.Emit(OpCodes.Ldc_I4_0); return; }
                il.Emit(OpCodes.Ldloc, value);
                il.Emit(OpCodes.Ldc_I4, amount);
                il.Emit(OpCodes.Shr_Un);
                return;
            case ShiftKind.Asr:
                il.Emit(OpCodes.Ldloc, value);
                il.Emit(OpCodes.Ldc_I4, amount == 32 ? 31 : amount);
                il.Emit(OpCodes.Shr);
                return;
            case ShiftKind.Ror:
                il.Emit(OpCodes.Ldloc, value);
                il.Emit(OpCodes.Ldc_I4, amount);
                il.Emit(OpCodes.Shr_Un);
                il.Emit(OpCodes.Ldloc, value);
                il.Emit(OpCodes.Ldc_I4, 32 - amount);
                il.Emit(OpCodes.Shl);
                il.Emit(OpCodes.Or);
                return;
            default: // RRX
                c.EmitLoadFlag(CachedState.C);
                il.Emit(OpCodes.Ldc_I4, 31);
                il.Emit(OpCodes.Shl);
                il.Emit(OpCodes.Ldloc, value);
                il.Emit(OpCodes.Ldc_I4_1);
                il.Emit(OpCodes.Shr_Un);
                il.Emit(OpCodes.Or);
                return;
        }
    }

    static void EmitCarryOut(BlockContext c, LocalBuilder value, int type, int amount, LocalBuilder carry)
    {
        var il = c.IL;
        if (type == ShiftKind.Lsl && amount == 0)
        {
            c.EmitLoadFlag(CachedState.C);
        }
        else
        {
            // The last bit shifted out: bit 32 - n for LSL, bit n - 1 otherwise (bit 31 for #32, bit 0 for RRX).
            int bit = type switch
            {
                ShiftKind.Lsl => 32 - amount,
                ShiftKind.Rrx => 0,
                _ => amount - 1,
            };
            il.Emit(OpCodes.Ldloc, value);
            il.Emit(OpCodes.Ldc_I4, bit);
            il.Emit(OpCodes.Shr_Un);
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.And);
        }
        il.Emit(OpCodes.Stloc, carry);
    }
}
