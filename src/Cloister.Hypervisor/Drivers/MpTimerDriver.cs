using Cloister.Arm;

namespace Cloister.Hypervisor.Drivers;

/// <summary>
/// The hypervisor's driver for an ARM11 MPCore private timer, through the "this CPU" window
/// (private region + 0x600), so each CPU programs its own: the slice timer of the secondary
/// CPUs. LOAD 0x00, CONTROL 0x08 (enable, IRQ enable; prescaler 0), interrupt status 0x0C.
/// The timer ticks at 100 MHz with prescaler 0 (QEMU's arm_mptimer: 10 ns a tick).
/// </summary>
public sealed class MpTimerDriver(IPhysicalBus bus, uint privateBase)
{
    const uint Window = 0x600, Load = 0x00, Control = 0x08, Status = 0x0C;
    const uint Enable = 1, IrqEnable = 4;
    const ulong NsPerTick = 10;

    /// <summary>The private timer's interrupt (a PPI, the same ID on every CPU).</summary>
    public const int Irq = 29;

    uint Reg(uint r) => privateBase + Window + r;

    /// <summary>One shot: interrupts this CPU after <paramref name="ns"/> nanoseconds.</summary>
    public void ArmOneShot(ulong ns)
    {
        uint ticks = (uint)Math.Clamp(ns / NsPerTick, 1, uint.MaxValue);
        bus.Write(Reg(Control), 4, 0);
        bus.Write(Reg(Status), 4, 1);
        bus.Write(Reg(Load), 4, ticks);
        bus.Write(Reg(Control), 4, Enable | IrqEnable);
    }

    public void Stop()
    {
        bus.Write(Reg(Control), 4, 0);
        bus.Write(Reg(Status), 4, 1);
    }

    public void Acknowledge() => bus.Write(Reg(Status), 4, 1);
}
