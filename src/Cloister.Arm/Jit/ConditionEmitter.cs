using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>Branches to <c>skip</c> when an instruction's condition fails, testing the block's flag
/// locals (0 or 1 each) as ArmCpu.ConditionPassed tests the fields. The flags must be in use.</summary>
internal static class ConditionEmitter
{
    const int N = CachedState.N, Z = CachedState.Z, C = CachedState.C, V = CachedState.V;

    public static void EmitSkipUnless(BlockContext c, uint cond, Label skip)
    {
        var il = c.IL;
        switch (cond)
        {
            case 0 or 1: Single(Z, cond == 0); return;
            case 2 or 3: Single(C, cond == 2); return;
            case 4 or 5: Single(N, cond == 4); return;
            case 6 or 7: Single(V, cond == 6); return;
            case 8 or 9:
                // HI: C set and Z clear, i.e. C > Z; LS is the opposite.
                c.EmitLoadFlag(C);
                c.EmitLoadFlag(Z);
                il.Emit(cond == 8 ? OpCodes.Ble_Un : OpCodes.Bgt_Un, skip);
                return;
            case 10 or 11:
                c.EmitLoadFlag(N);
                c.EmitLoadFlag(V);
                il.Emit(cond == 10 ? OpCodes.Bne_Un : OpCodes.Beq, skip);
                return;
            case 12:
                c.EmitLoadFlag(Z);
                il.Emit(OpCodes.Brtrue, skip);
                c.EmitLoadFlag(N);
                c.EmitLoadFlag(V);
                il.Emit(OpCodes.Bne_Un, skip);
                return;
            case 13:
                Label pass = il.DefineLabel();
                c.EmitLoadFlag(Z);
                il.Emit(OpCodes.Brtrue, pass);
                c.EmitLoadFlag(N);
                c.EmitLoadFlag(V);
                il.Emit(OpCodes.Beq, skip);
                il.MarkLabel(pass);
                return;
            default: return; // 14 (always) and 15, which ConditionPassed also lets through
        }

        void Single(int flag, bool passWhenSet)
        {
            c.EmitLoadFlag(flag);
            il.Emit(passWhenSet ? OpCodes.Brfalse : OpCodes.Brtrue, skip);
        }
    }
}
