using Cloister.Hypervisor.Boot;
using Cloister.Hypervisor.Console;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Drivers;
using Cloister.Hypervisor.Memory;
using Cloister.Platform.Bus;

namespace Cloister.Hypervisor.Tests;

/// <summary>The hypervisor's host side for hypercall unit tests, without a CPU: RAM from 0, every
/// frame above the first 64 KiB for the allocator, and a domain manager whose console is a PL011
/// at Versatile/PB's UART0 address (nothing reads it).</summary>
sealed class TestHost
{
    public readonly PhysicalBus Bus;
    public readonly MachineMemory Machine;
    public readonly FrameAllocator Frames;
    public readonly DomainManager Domains;

    public TestHost(uint ramBytes, bool ignoreTransactionFailures = false)
    {
        Bus = new PhysicalBus(0, ramBytes) { IgnoreTransactionFailures = ignoreTransactionFailures };
        Machine = new MachineMemory(Bus);
        Frames = new FrameAllocator(Machine, [new MemoryBank(0x10000, ramBytes - 0x10000)]);
        Domains = new DomainManager(Machine, Frames, new HypervisorConsole(new Pl011Console(Bus, 0x101F1000)), 0, 0xFFF00000);
    }
}
