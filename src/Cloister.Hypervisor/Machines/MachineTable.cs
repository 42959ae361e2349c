namespace Cloister.Hypervisor.Machines;

/// <summary>The boards the hypervisor can run on (machine numbers from Linux's mach-types).</summary>
public static class MachineTable
{
    public static readonly MachineDescriptor[] All =
    [
        new("ARM-Versatile PB", 387, ConsoleUart: 0x101F1000,
            InterruptControllerKind.VicWithSic, InterruptControllerBase: 0x10140000, SecondaryControllerBase: 0x10003000,
            TimerBase: 0x101E2000, TimerIrq: 4, TimerClockHz: 1_000_000),
    ];

    public static MachineDescriptor? Find(uint machineNumber) =>
        Array.Find(All, m => m.MachineNumber == machineNumber);
}
