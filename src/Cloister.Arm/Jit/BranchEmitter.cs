using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>Native IL for B and BL (same effects as Branch.B / Branch.Bl), Thumb's B and the second
/// half of Thumb's BL (Thumb.BranchLinkSuffix, whose target comes from LR): the taken path writes
/// the state back with NextPc = target and leaves the block, or, for a branch back to the block's
/// own start (a loop), runs the block again while the budget covers a whole pass.</summary>
internal static unsafe class BranchEmitter
{
    static readonly nint B = (nint)(delegate*<ArmCpu, Insn*, void>)&Branch.B;
    static readonly nint Bl = (nint)(delegate*<ArmCpu, Insn*, void>)&Branch.Bl;
    static readonly nint ThumbB = (nint)(delegate*<ArmCpu, Insn*, void>)&Thumb.BranchConditional;

    static readonly nint ThumbBlSuffix = (nint)(delegate*<ArmCpu, Insn*, void>)&Thumb.BranchLinkSuffix;
    static readonly nint Bx = (nint)(delegate*<ArmCpu, Insn*, void>)&Branch.Bx;
    static readonly System.Reflection.MethodInfo BranchExchange = BlockContext.Method(nameof(ArmCpu.BranchExchange));

    public static bool Handles(Insn* d) =>
        (nint)d->Exec == B || (nint)d->Exec == Bl || (nint)d->Exec == ThumbB || (nint)d->Exec == ThumbBlSuffix
        || ((nint)d->Exec == Bx && d->Rm != 15);

    /// <summary>Loads the registers the branch reads (BlockContext.EmitUse).</summary>
    public static void EmitUse(BlockContext c, Insn* d)
    {
        if (Links(d)) c.EmitUseRegister(14);
        if ((nint)d->Exec == Bx) c.EmitUseRegister(d->Rm);
    }

    /// <summary>BL uses (Thumb) and writes the link register.</summary>
    public static bool Links(Insn* d) => (nint)d->Exec == Bl || (nint)d->Exec == ThumbBlSuffix;

    public static void Emit(BlockContext c, Insn* d)
    {
        var il = c.IL;
        if ((nint)d->Exec == ThumbBlSuffix)
        {
            EmitThumbBlSuffix(c, d);
            return;
        }
        if ((nint)d->Exec == Bx)
        {
            var bxTarget = c.Local("bx.target", typeof(uint));
            c.EmitLoadRegister(d->Rm);
            il.Emit(OpCodes.Stloc, bxTarget);
            EmitInterworkingExit(c, bxTarget);
            return;
        }
        if (Links(d)) c.EmitStoreRegister(14, () => c.EmitPc(4));
        // Target = R[15] + Imm with R[15] = pc + 8 (+ 4 in Thumb).
        int target = c.Offset + 2 * c.InsnSize + (int)d->Imm;
        c.EmitWriteBack(() => c.EmitPcRead((int)d->Imm));
        if (target == 0)
        {
            // StopAt also falls to 0 for interrupts, faults, code invalidation and exit requests.
            c.EmitLoadField(BlockContext.StopAt);
            c.EmitLoadField(BlockContext.Executed);
            il.Emit(OpCodes.Sub);
            il.Emit(OpCodes.Ldc_I8, (long)c.Length);
            Label leave = il.DefineLabel();
            il.Emit(OpCodes.Blt, leave);
            c.EmitLoopBack();
            il.MarkLabel(leave);
        }
        il.Emit(OpCodes.Ret);
    }

    /// <summary>Target = LR + offset (LR holds the first half's PC + high offset), then
    /// LR = the next instruction's address | 1.</summary>
    static void EmitThumbBlSuffix(BlockContext c, Insn* d)
    {
        var il = c.IL;
        var target = c.Local("bl.target", typeof(uint));
        c.EmitLoadRegister(14);
        il.Emit(OpCodes.Ldc_I4, (int)d->Imm);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldc_I4, ~1);
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Stloc, target);
        c.EmitStoreRegister(14, () => c.EmitPc(3));
        c.EmitWriteBack(() => il.Emit(OpCodes.Ldloc, target));
        il.Emit(OpCodes.Ret);
    }

    /// <summary>Leaves the block for <paramref name="target"/> as ArmCpu.BranchExchange does (BX,
    /// and loads to the PC on ARMv5T and later): staying in the block's instruction set, NextPc is
    /// the target with the low bits cleared; switching calls BranchExchange, which drops the
    /// fetch page.</summary>
    public static void EmitInterworkingExit(BlockContext c, LocalBuilder target)
    {
        var il = c.IL;
        Label switchSet = il.DefineLabel();
        il.Emit(OpCodes.Ldloc, target);
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.And);
        il.Emit(c.InsnSize == 2 ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Bne_Un, switchSet);
        c.EmitWriteBack(() =>
        {
            il.Emit(OpCodes.Ldloc, target);
            il.Emit(OpCodes.Ldc_I4, c.InsnSize == 2 ? ~1 : ~3);
            il.Emit(OpCodes.And);
        });
        il.Emit(OpCodes.Ret);
        il.MarkLabel(switchSet);
        c.EmitWriteBack();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldloc, target);
        il.Emit(OpCodes.Call, BranchExchange);
        il.Emit(OpCodes.Ret);
    }
}
