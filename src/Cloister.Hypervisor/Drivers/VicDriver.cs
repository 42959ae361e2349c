using Cloister.Arm;

namespace Cloister.Hypervisor.Drivers;

/// <summary>The hypervisor's PL190 VIC driver: lines are routed to IRQ, enabled and read back.
/// The VIC has no acknowledge cycle: a line stays pending until its device is cleared.</summary>
public sealed class VicDriver(IPhysicalBus bus, uint baseAddress) : IInterruptController
{
    const uint IrqStatus = 0x00, IntSelect = 0x0C, IntEnable = 0x10, IntEnClear = 0x14;

    public void Reset()
    {
        bus.Write(baseAddress + IntEnClear, 4, uint.MaxValue);
        bus.Write(baseAddress + IntSelect, 4, 0);
    }

    public void Enable(int irq) => bus.Write(baseAddress + IntEnable, 4, 1u << irq);

    public int Acknowledge(out uint token)
    {
        uint pending = bus.Read(baseAddress + IrqStatus, 4, out uint v) ? v : 0;
        token = 0;
        return pending == 0 ? -1 : System.Numerics.BitOperations.TrailingZeroCount(pending);
    }

    public void EndOfInterrupt(uint token) { }
}
