using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>Native IL for B and BL (same effects as Branch.B / Branch.Bl) and Thumb's B: the taken path writes
/// the state back with NextPc = target and leaves the block, or, for a branch back to the block's
/// own start (a loop), runs the block again while the budget covers a whole pass.</summary>
internal static unsafe class BranchEmitter
{
    static readonly nint B = (nint)(delegate*<ArmCpu, Insn*, void>)&Branch.B;
    static readonly nint Bl = (nint)(delegate*<ArmCpu, Insn*, void>)&Branch.Bl;
    static readonly nint ThumbB = (nint)(delegate*<ArmCpu, Insn*, void>)&Thumb.BranchConditional;

    public static bool Handles(Insn* d) => (nint)d->Exec == B || (nint)d->Exec == Bl || (nint)d->Exec == ThumbB;

    /// <summary>BL writes the link register.</summary>
    public static bool Links(Insn* d) => (nint)d->Exec == Bl;

    public static void Emit(BlockContext c, Insn* d)
    {
        var il = c.IL;
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
}
