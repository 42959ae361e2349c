using Cloister.Arm;

namespace Cloister.Hypervisor.Drivers;

/// <summary>
/// The hypervisor's SP804 driver: timer 1 of the block runs free (periodic from 0xFFFFFFFF) as the
/// time source, extended to 64 bits by counting wraps; timer 0 is the one-shot event timer.
/// Registers per timer (offset 0x20 apart): LOAD 0x00, VALUE 0x04, CONTROL 0x08, INTCLR 0x0C.
/// </summary>
public sealed class Sp804Driver(IPhysicalBus bus, uint baseAddress, uint clockHz)
{
    const uint Load = 0x00, Value = 0x04, Control = 0x08, IntClear = 0x0C, Timer1 = 0x20;
    const uint Enable = 0x80, Periodic = 0x40, IntEnable = 0x20, Size32 = 0x02, OneShot = 0x01;

    uint lastCount = uint.MaxValue;
    ulong elapsedTicks;

    public uint ClockHz { get; } = clockHz;

    public void Start()
    {
        bus.Write(baseAddress + Control, 4, 0);
        bus.Write(baseAddress + IntClear, 4, 1);
        bus.Write(baseAddress + Timer1 + Control, 4, 0);
        bus.Write(baseAddress + Timer1 + Load, 4, uint.MaxValue);
        bus.Write(baseAddress + Timer1 + Control, 4, Enable | Periodic | Size32);
        lastCount = uint.MaxValue;
    }

    /// <summary>Nanoseconds since <see cref="Start"/>; monotonic as long as it is read at least once
    /// per wrap of the 32-bit counter (over an hour at 1 MHz).</summary>
    public ulong NowNs()
    {
        bus.Read(baseAddress + Timer1 + Value, 4, out uint count);
        elapsedTicks += lastCount - count; // counts down; unsigned arithmetic handles the wrap
        lastCount = count;
        return elapsedTicks * 1_000_000_000UL / ClockHz;
    }

    /// <summary>Arms the event timer to interrupt after <paramref name="ns"/> nanoseconds.</summary>
    public void ArmOneShot(ulong ns)
    {
        ulong ticks = Math.Clamp(ns * ClockHz / 1_000_000_000UL, 1, uint.MaxValue);
        bus.Write(baseAddress + Control, 4, 0);
        bus.Write(baseAddress + IntClear, 4, 1);
        bus.Write(baseAddress + Load, 4, (uint)ticks);
        bus.Write(baseAddress + Control, 4, Enable | IntEnable | Size32 | OneShot);
    }

    public void Acknowledge() => bus.Write(baseAddress + IntClear, 4, 1);
}
