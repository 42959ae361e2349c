namespace Cloister.Hypervisor.Machines;

/// <summary>The boards the hypervisor can run on (machine numbers from Linux's mach-types).</summary>
public static class MachineTable
{
    public static readonly MachineDescriptor[] All =
    [
        new("ARM-Versatile PB", 387, ConsoleUart: 0x101F1000,
            InterruptControllerKind.VicWithSic, InterruptControllerBase: 0x10140000, SecondaryControllerBase: 0x10003000,
            TimerBase: 0x101E2000, TimerIrq: 4, TimerClockHz: 1_000_000, Compatible: ["arm,versatile-pb"]),
        // RealView EB with the ARM11 MPCore tile: the GIC in the private region at 0x10100000;
        // SP804 timer 0/1 is baseboard line 4, MPCore GIC input 1 (ID 33); UART0 at 0x10009000.
        new("ARM-RealView EB", 827, ConsoleUart: 0x10009000,
            InterruptControllerKind.MpcoreGic, InterruptControllerBase: 0x10100000, SecondaryControllerBase: 0,
            TimerBase: 0x10011000, TimerIrq: 33, TimerClockHz: 1_000_000, SmpBootRegister: 0x10000030,
            Compatible: ["arm,realview-eb"]),
    ];

    public static MachineDescriptor? Find(uint machineNumber) =>
        Array.Find(All, m => m.MachineNumber == machineNumber);
}
