using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>ArmCpu.SetNZ and AddWithCarry in IL on the block's flag locals, so that the .NET JIT
/// can drop the flags no later instruction or write-back reads.</summary>
internal static class FlagEmitter
{
    /// <summary>N = bit 31 of <paramref name="result"/>, Z = (result == 0).</summary>
    public static void EmitSetNZ(BlockContext c, LocalBuilder result)
    {
        var il = c.IL;
        il.Emit(OpCodes.Ldloc, result);
        il.Emit(OpCodes.Ldc_I4, 31);
        il.Emit(OpCodes.Shr_Un);
        c.EmitStoreFlag(CachedState.N);
        il.Emit(OpCodes.Ldloc, result);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Ceq);
        c.EmitStoreFlag(CachedState.Z);
    }

    /// <summary>result = x + y + carry-in (pushed by <paramref name="pushCarryIn"/>), setting N, Z, C
    /// and V as ArmCpu.AddWithCarry does.</summary>
    public static void EmitAddWithCarry(BlockContext c, LocalBuilder x, LocalBuilder y, Action pushCarryIn, LocalBuilder result)
    {
        var il = c.IL;
        var wide = c.Local("flags.wide", typeof(ulong));
        // wide = (ulong)x + y + carry-in
        PushWidened(il, () => il.Emit(OpCodes.Ldloc, x));
        PushWidened(il, () => il.Emit(OpCodes.Ldloc, y));
        il.Emit(OpCodes.Add);
        PushWidened(il, pushCarryIn);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, wide);
        il.Emit(OpCodes.Ldloc, wide);
        il.Emit(OpCodes.Conv_U4);
        il.Emit(OpCodes.Stloc, result);
        EmitSetNZ(c, result);
        // C = wide >> 32
        il.Emit(OpCodes.Ldloc, wide);
        il.Emit(OpCodes.Ldc_I4, 32);
        il.Emit(OpCodes.Shr_Un);
        il.Emit(OpCodes.Conv_U4);
        c.EmitStoreFlag(CachedState.C);
        // V = ((x ^ r) & (y ^ r)) >> 31
        PushXor(il, x, result);
        PushXor(il, y, result);
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Ldc_I4, 31);
        il.Emit(OpCodes.Shr_Un);
        c.EmitStoreFlag(CachedState.V);
    }

    static void PushWidened(ILGenerator il, Action push)
    {
        push();
        il.Emit(OpCodes.Conv_U8);
    }

    static void PushXor(ILGenerator il, LocalBuilder a, LocalBuilder b)
    {
        il.Emit(OpCodes.Ldloc, a);
        il.Emit(OpCodes.Ldloc, b);
        il.Emit(OpCodes.Xor);
    }
}
