namespace Cloister.Arm;

// The interpreter's run loop: fetch a decoded instruction from the current page, check its
// condition, call its handler. Everything unusual (interrupts, aborts, mode and state changes,
// code invalidation) makes the inner loop stop early through StopAt, and is dealt with here.
public sealed unsafe partial class ArmCpu
{
    /// <summary>The inner loops run while Executed is below this; BreakInnerLoop sets it to 0.</summary>
    internal long StopAt;
    bool returnRequested;

    /// <summary>Makes <see cref="Run"/> return after the current instruction (a device or the host
    /// wants the machine's attention: an event to fire, a stop, a reset).</summary>
    public void RequestExit()
    {
        returnRequested = true;
        StopAt = 0;
    }

    /// <summary>Ends the inner loop after the current instruction so the outer loop looks again
    /// (interrupts, mode or state changes, code invalidation); Run itself goes on.</summary>
    internal void BreakInnerLoop() => StopAt = 0;

    public long Run(long maxInstructions)
    {
        long start = Executed;
        long end = start + maxInstructions;
        ReleaseRetiredPages();
        returnRequested = false;
        while (Executed < end && !returnRequested)
        {
            if (WaitingForInterrupt)
            {
                if (!irqLine && !fiqLine) break;
                WaitingForInterrupt = false;
            }
            TakePendingInterrupt();
            StopAt = end;
            if (Engine == ExecutionEngine.Translator) RunTranslated(); else if (ThumbState) RunThumb(); else RunArm();
            if (MemoryFault)
            {
                MemoryFault = false;
                TakeException(ArmException.DataAbort, CurrentInstructionAddress);
            }
            if (WaitingForInterrupt) break;
        }
        return Executed - start;
    }

    void RunArm()
    {
        while (Executed < StopAt)
        {
            uint pc = NextPc;
            if ((pc & 0xFFFFF000) != fetchPageVa && !SetFetchPage(pc)) continue;
            Insn* d = fetchPage + ((pc >> 2) & (ArmInsnsPerPage - 1));
            if (d->Exec == null) ArmDecoder.Decode(this, d, *(uint*)(fetchHost + (pc & 0xFFC)), pc);
            R[15] = pc + 8;
            NextPc = pc + 4;
            Executed++;
            if (d->Cond == 14 || ConditionPassed(d->Cond)) d->Exec(this, d);
        }
    }

    void RunThumb()
    {
        while (Executed < StopAt)
        {
            uint pc = NextPc;
            if ((pc & 0xFFFFF000) != fetchPageVa && !SetFetchPage(pc)) continue;
            Insn* d = fetchPage + ((pc >> 1) & (ThumbInsnsPerPage - 1));
            if (d->Exec == null) ThumbDecoder.Decode(this, d, *(ushort*)(fetchHost + (pc & 0xFFE)), pc);
            R[15] = pc + 4;
            NextPc = pc + 2;
            Executed++;
            if (d->Cond == 14 || ConditionPassed(d->Cond)) d->Exec(this, d);
        }
    }
}
