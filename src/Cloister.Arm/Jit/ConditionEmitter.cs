using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>Branches to <c>skip</c> when an instruction's condition fails (flags are 0 or 1).</summary>
internal static class ConditionEmitter
{
    public static void EmitSkipUnless(BlockContext c, uint cond, Label skip)
    {
        var il = c.IL;
        switch (cond)
        {
            case 14: return;
            case 0 or 1: Single(BlockContext.FlagZ, cond == 0); return;
            case 2 or 3: Single(BlockContext.FlagC, cond == 2); return;
            case 4 or 5: Single(BlockContext.FlagN, cond == 4); return;
            case 6 or 7: Single(BlockContext.FlagV, cond == 6); return;
            case 10 or 11:
                c.EmitLoadField(BlockContext.FlagN);
                c.EmitLoadField(BlockContext.FlagV);
                il.Emit(cond == 10 ? OpCodes.Bne_Un : OpCodes.Beq, skip);
                return;
            default:
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, (int)cond);
                il.Emit(OpCodes.Call, BlockContext.ConditionPassed);
                il.Emit(OpCodes.Brfalse, skip);
                return;
        }

        void Single(System.Reflection.FieldInfo flag, bool passWhenSet)
        {
            c.EmitLoadField(flag);
            il.Emit(passWhenSet ? OpCodes.Brfalse : OpCodes.Brtrue, skip);
        }
    }
}
