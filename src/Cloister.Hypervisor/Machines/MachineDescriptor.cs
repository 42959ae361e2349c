namespace Cloister.Hypervisor.Machines;

/// <summary>
/// What the hypervisor must know about a board to run on it, keyed by the ARM machine number
/// the boot loader passes in r1 (Linux's MACHINE_START idea). Adding a board to the hypervisor
/// means adding one of these; see docs/porting.md.
/// </summary>
public sealed record MachineDescriptor(
    string Name,
    uint MachineNumber,
    /// <summary>PL011 used as the hypervisor console.</summary>
    uint ConsoleUart,
    /// <summary>Interrupt controller kind and base(s).</summary>
    InterruptControllerKind InterruptController,
    uint InterruptControllerBase,
    uint SecondaryControllerBase,
    /// <summary>SP804 timer block used for the hypervisor's timer, and its interrupt line.</summary>
    uint TimerBase,
    int TimerIrq,
    /// <summary>The timer's input clock (QEMU's Versatile/PB clocks the SP804s at 1 MHz).</summary>
    uint TimerClockHz,
    /// <summary>Where the secondary CPUs' boot loop reads its entry address (RealView's
    /// SYS_FLAGS, written through SYS_FLAGSSET); 0 on single-CPU boards.</summary>
    uint SmpBootRegister = 0,
    /// <summary>Root "compatible" strings of this board's device trees (Linux's bindings); a DTB
    /// naming none of them is refused.</summary>
    string[]? Compatible = null);

public enum InterruptControllerKind
{
    /// <summary>PL190 VIC with the Versatile secondary controller cascaded on line 31.</summary>
    VicWithSic,
    /// <summary>The ARM11 MPCore GIC (distributor + per-CPU interfaces).</summary>
    MpcoreGic,
}
