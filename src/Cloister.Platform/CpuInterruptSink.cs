using Cloister.Arm;

namespace Cloister.Platform;

/// <summary>The CPU's IRQ (input 0) and FIQ (input 1) pins as an interrupt sink.</summary>
public sealed class CpuInterruptSink(ArmCpu cpu) : IIrqSink
{
    public const int Irq = 0, Fiq = 1;

    public bool IrqLevel { get; private set; }
    public bool FiqLevel { get; private set; }

    public void SetInput(int line, bool level)
    {
        if (line == Irq)
        {
            if (IrqLevel == level) return;
            IrqLevel = level;
            cpu.SetIrq(level);
        }
        else
        {
            if (FiqLevel == level) return;
            FiqLevel = level;
            cpu.SetFiq(level);
        }
        // A raised line must be seen promptly even in the middle of a run slice.
        if (level) cpu.RequestExit();
    }
}
