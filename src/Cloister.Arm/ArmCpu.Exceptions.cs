namespace Cloister.Arm;

// Exception entry, interrupt inputs and wait-for-interrupt.
public sealed unsafe partial class ArmCpu
{
    bool irqLine, fiqLine;

    public void SetIrq(bool level)
    {
        irqLine = level;
        if (level) { WaitingForInterrupt = false; BreakInnerLoop(); }
    }

    public void SetFiq(bool level)
    {
        fiqLine = level;
        if (level) { WaitingForInterrupt = false; BreakInnerLoop(); }
    }

    internal void EnterWaitForInterrupt()
    {
        if (irqLine || fiqLine) return; // a pending interrupt (even masked) wakes the core at once
        WaitingForInterrupt = true;
        BreakInnerLoop();
    }

    /// <summary>Takes a pending unmasked interrupt, FIQ first. True when one was taken.</summary>
    bool TakePendingInterrupt()
    {
        if (fiqLine && !FiqMasked) { TakeException(ArmException.Fiq, NextPc); return true; }
        if (irqLine && !IrqMasked) { TakeException(ArmException.Irq, NextPc); return true; }
        return false;
    }

    /// <summary>An instruction raises UNDEFINED.</summary>
    internal void RaiseUndefined()
    {
        if ((LogMask & LogFlags.GuestErrors) != 0)
            Log?.Invoke($"undefined instruction at 0x{CurrentInstructionAddress:x8}");
        TakeException(ArmException.Undefined, CurrentInstructionAddress);
    }

    internal void RaiseSupervisorCall() => TakeException(ArmException.SupervisorCall, CurrentInstructionAddress);

    /// <summary>BKPT: a prefetch abort reported as a debug event.</summary>
    internal void RaiseBreakpoint()
    {
        Cp15.Ifsr = FaultStatus.DebugEvent;
        TakeException(ArmException.PrefetchAbort, CurrentInstructionAddress);
    }

    /// <summary>
    /// Enters an exception. <paramref name="address"/> is the instruction that raised a synchronous
    /// exception, or the next instruction to execute for IRQ and FIQ; the link register gets the
    /// architecture's offset from it.
    /// </summary>
    internal void TakeException(ArmException kind, uint address)
    {
        if (ExceptionHook is { } hook)
        {
            NextPc = address;
            if (hook.OnException(this, kind)) { BreakInnerLoop(); return; }
        }

        uint lr = kind switch
        {
            ArmException.Undefined or ArmException.SupervisorCall => address + (ThumbState ? 2u : 4u),
            ArmException.DataAbort => address + 8,
            ArmException.Reset => 0,
            _ => address + 4, // prefetch abort, IRQ, FIQ
        };
        (CpuMode mode, uint mask) = kind switch
        {
            ArmException.Undefined => (CpuMode.Undefined, CpsrI),
            ArmException.SupervisorCall => (CpuMode.Supervisor, CpsrI),
            ArmException.PrefetchAbort or ArmException.DataAbort => (CpuMode.Abort, CpsrA | CpsrI),
            ArmException.Irq => (CpuMode.Irq, CpsrA | CpsrI),
            ArmException.Fiq => (CpuMode.Fiq, CpsrA | CpsrI | CpsrF),
            _ => (CpuMode.Supervisor, CpsrA | CpsrI | CpsrF),
        };

        if ((LogMask & LogFlags.Interrupts) != 0)
            Log?.Invoke($"Taking exception {(int)kind} [{kind}] at 0x{address:x8}, lr 0x{lr:x8}, cpsr 0x{Cpsr:x8}");

        uint oldCpsr = Cpsr;
        SwitchMode(mode);
        bankedSpsr[BankIndex(mode)] = oldCpsr;
        R[14] = lr;
        CpsrControl |= mask;
        if (Model.IsV6)
            CpsrControl = (Cp15.Sctlr & Cp15.SctlrEE) != 0 ? CpsrControl | CpsrE : CpsrControl & ~CpsrE;
        CpsrControl &= ~CpsrJ;
        ThumbState = false;
        WaitingForInterrupt = false;
        NextPc = (Cp15.HighVectors ? 0xFFFF0000u : Cp15.VectorBase) + 4u * (uint)kind; // [ARMv6 hook] VBAR
        OnPrivilegeOrStateChanged();
        BreakInnerLoop();
    }
}
