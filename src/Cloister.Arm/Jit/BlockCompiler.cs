using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>
/// Compiles a basic block to a DynamicMethod. Each instruction has exactly the interpreter's
/// effects: it counts as executed, its condition is checked, then its semantics run — native IL
/// where an emitter exists, else a call to the interpreter's handler. After anything that calls
/// out of the block the block leaves if the interpreter's loop would notice a change: a write to
/// the PC, StopAt (faults, interrupts, code invalidation, exit requests) or the fetch page (MMU,
/// mode or state change).
/// </summary>
internal static unsafe class BlockCompiler
{
    public static TranslatedBlock Compile(ArmCpu cpu, Insn* first, int length)
    {
        var method = new DynamicMethod("arm_block", typeof(void), [typeof(ArmCpu), typeof(uint)],
            typeof(ArmCpu).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        var c = new BlockContext(il, length);
        for (int i = 0; i < length; i++)
            EmitInstruction(c, first + i, i * 4, last: i == length - 1);
        c.EmitWriteBack();
        il.MarkLabel(c.Exit);
        il.Emit(OpCodes.Ret);
        return new TranslatedBlock(method.CreateDelegate<BlockCode>(cpu), length);
    }

    static void EmitInstruction(BlockContext c, Insn* d, int offset, bool last)
    {
        var il = c.IL;
        c.BeginInstruction(offset);
        Label skip = il.DefineLabel();

        if (DataProcessingEmitter.Handles(d))
        {
            ConditionEmitter.EmitSkipUnless(c, d->Cond, skip);
            DataProcessingEmitter.Emit(c, d);
        }
        else if (BranchEmitter.Handles(d))
        {
            ConditionEmitter.EmitSkipUnless(c, d->Cond, skip);
            BranchEmitter.Emit(c, d);
        }
        else
        {
            // Calls out: the callee sees the state the interpreter would show it.
            c.EmitWriteBack();
            c.MarkClean();
            ConditionEmitter.EmitSkipUnless(c, d->Cond, skip);
            if (LoadStoreEmitter.Handles(d))
            {
                LoadStoreEmitter.Emit(c, d);
            }
            else
            {
                HandlerCallEmitter.Emit(c, d);
                if (!last) EmitLeaveIfPcWritten(c);
            }
            c.ReloadRegs();
            if (!last) EmitLeaveIfInterrupted(c);
        }
        il.MarkLabel(skip);
    }

    static void EmitLeaveIfPcWritten(BlockContext c)
    {
        var il = c.IL;
        c.EmitLoadField(BlockContext.NextPc);
        c.EmitPc(4);
        il.Emit(OpCodes.Bne_Un, c.Exit);
    }

    static void EmitLeaveIfInterrupted(BlockContext c)
    {
        var il = c.IL;
        // Executed >= StopAt: BreakInnerLoop or RequestExit (also set by faults and code invalidation).
        c.EmitLoadField(BlockContext.Executed);
        c.EmitLoadField(BlockContext.StopAt);
        il.Emit(OpCodes.Bge, c.Exit);
        // The fetch page was dropped: the next fetch must translate its address again.
        c.EmitLoadField(BlockContext.FetchPageVa);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, unchecked((int)0xFFFFF000));
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Bne_Un, c.Exit);
    }
}
