using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>The fallback that makes every instruction translatable: call the interpreter's own
/// handler with its decoded Insn. The Insn stays valid as long as the block (same page).</summary>
internal static unsafe class HandlerCallEmitter
{
    static readonly Type[] HandlerParameters = [typeof(ArmCpu), typeof(Insn*)];

    public static void Emit(BlockContext c, Insn* d)
    {
        var il = c.IL;
        if (TranslationProfile.Enabled)
        {
            il.Emit(OpCodes.Ldc_I8, (long)d->Exec);
            il.Emit(OpCodes.Conv_I);
            il.Emit(OpCodes.Call, typeof(TranslationProfile).GetMethod(nameof(TranslationProfile.HandlerCalled))!);
        }
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I8, (long)d);
        il.Emit(OpCodes.Conv_I);
        // The handler pointer is read at run time rather than baked in: it is Insn's first field.
        il.Emit(OpCodes.Ldc_I8, (long)d);
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Ldind_I);
        il.EmitCalli(OpCodes.Calli, System.Reflection.CallingConventions.Standard, typeof(void), HandlerParameters, null);
    }
}
