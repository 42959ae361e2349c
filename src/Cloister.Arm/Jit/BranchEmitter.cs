using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>Native IL for B and BL (same effects as Branch.B / Branch.Bl): the taken path writes
/// the state back with NextPc = target and leaves the block.</summary>
internal static unsafe class BranchEmitter
{
    static readonly nint B = (nint)(delegate*<ArmCpu, Insn*, void>)&Branch.B;
    static readonly nint Bl = (nint)(delegate*<ArmCpu, Insn*, void>)&Branch.Bl;

    public static bool Handles(Insn* d) => (nint)d->Exec == B || (nint)d->Exec == Bl;

    public static void Emit(BlockContext c, Insn* d)
    {
        if ((nint)d->Exec == Bl) c.EmitStoreRegister(14, () => c.EmitPc(4));
        // Target = R[15] + Imm with R[15] = pc + 8.
        c.EmitWriteBack(() => c.EmitPc(8 + (int)d->Imm));
        c.IL.Emit(OpCodes.Ret);
    }
}
