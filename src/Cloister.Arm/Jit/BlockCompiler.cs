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
    /// <summary>Compiles <paramref name="length"/> instructions from slot <paramref name="start"/>
    /// of a decoded page (ARM, or Thumb with <paramref name="thumb"/>).</summary>
    public static TranslatedBlock Compile(ArmCpu cpu, Insn* page, int start, int length, bool thumb)
    {
        if (TranslationProfile.Enabled) TranslationProfile.EmitStarted();
        var method = new DynamicMethod(thumb ? "thumb_block" : "arm_block", typeof(void), [typeof(ArmCpu), typeof(uint)],
            typeof(ArmCpu).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        var c = new BlockContext(il, length, thumb);
        Insn rewritten;
        for (int i = 0; i < length; i++)
        {
            Insn* d = page + start + i;
            // Thumb instructions with an ARM equivalent go through the ARM emitters.
            Insn* e = thumb && ThumbEquivalents.TryRewrite(d, (start + i) * 2, &rewritten) ? &rewritten : d;
            EmitInstruction(c, d, e, i, last: i == length - 1);
        }
        c.EmitWriteBack();
        il.MarkLabel(c.Exit);
        il.Emit(OpCodes.Ret);
        c.EmitPrologue();
        var block = new TranslatedBlock(method.CreateDelegate<BlockCode>(cpu), length);
        if (TranslationProfile.Enabled) TranslationProfile.EmitFinished(length);
        return block;
    }

    /// <summary><paramref name="d"/> is the decoded instruction, <paramref name="e"/> what the
    /// native emitters see (its ARM equivalent for a Thumb instruction, else the same).</summary>
    static void EmitInstruction(BlockContext c, Insn* d, Insn* e, int index, bool last)
    {
        var il = c.IL;
        c.BeginInstruction(index);
        Label skip = il.DefineLabel();

        bool conditional = d->Cond < 14;
        if (DataProcessingEmitter.Handles(e))
        {
            c.EmitUse(e, flags: true);
            ConditionEmitter.EmitSkipUnless(c, d->Cond, skip);
            DataProcessingEmitter.Emit(c, e);
        }
        else if (MultiplyEmitter.Handles(e))
        {
            c.EmitUse(e, flags: true);
            ConditionEmitter.EmitSkipUnless(c, d->Cond, skip);
            MultiplyEmitter.Emit(c, e);
        }
        else if (BranchEmitter.Handles(d))
        {
            BranchEmitter.EmitUse(c, d);
            if (conditional) c.EmitUseFlags();
            ConditionEmitter.EmitSkipUnless(c, d->Cond, skip);
            BranchEmitter.Emit(c, d);
        }
        else if (LoadStoreEmitter.Handles(e) || LoadStoreMultipleEmitter.Handles(e))
        {
            bool multiple = LoadStoreMultipleEmitter.Handles(e);
            c.EmitUse(e, flags: conditional);
            if (multiple) LoadStoreMultipleEmitter.EmitUse(c, e);
            ConditionEmitter.EmitSkipUnless(c, d->Cond, skip);
            // Only a TLB miss calls out; that path writes the state back itself, and leaves if
            // the call raised an interrupt or dropped the fetch page.
            Action afterSlowPath = () =>
            {
                if (last) return;
                c.EmitWriteBack();
                EmitLeaveIfInterrupted(c);
            };
            if (multiple) LoadStoreMultipleEmitter.Emit(c, e, afterSlowPath); else LoadStoreEmitter.Emit(c, e, afterSlowPath);
        }
        else
        {
            // Calls out: the callee sees the state the interpreter would show it.
            if (conditional) c.EmitUseFlags();
            c.EmitWriteBack();
            c.MarkClean();
            ConditionEmitter.EmitSkipUnless(c, d->Cond, skip);
            HandlerCallEmitter.Emit(c, d);
            if (!last) EmitLeaveIfPcWritten(c);
            if (!last) EmitLeaveIfInterrupted(c);
            il.MarkLabel(skip);
            // The handler may have changed anything (even the register bank): reload before the next use.
            c.ReloadRegs();
            return;
        }
        il.MarkLabel(skip);
    }

    static void EmitLeaveIfPcWritten(BlockContext c)
    {
        var il = c.IL;
        c.EmitLoadField(BlockContext.NextPc);
        c.EmitPc(c.InsnSize);
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
