using Cloister.Arm;

namespace Cloister.Hypervisor.Drivers;

/// <summary>The hypervisor's own polled PL011 driver: wait while the TX FIFO is full, write DR.</summary>
public sealed class Pl011Console(IPhysicalBus bus, uint baseAddress)
{
    const uint DataRegister = 0x00, FlagRegister = 0x18, TxFifoFull = 1 << 5;
    const int MaxPolls = 100_000;

    public void Write(byte b)
    {
        for (int i = 0; i < MaxPolls; i++)
        {
            if (!bus.Read(baseAddress + FlagRegister, 4, out uint flags) || (flags & TxFifoFull) == 0) break;
        }
        bus.Write(baseAddress + DataRegister, 4, b);
    }
}
