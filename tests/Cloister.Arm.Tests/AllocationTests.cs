using Cloister.Platform.Bus;
using Xunit;

namespace Cloister.Arm.Tests;

/// <summary>The interpreter must not allocate per instruction: once code is decoded, running it
/// (ALU work, loads, stores, branches, a loop) allocates nothing on the managed heap.</summary>
public class AllocationTests
{
    // A loop over loads, stores, ALU operations and a conditional branch:
    //   0x00  mov   r0, #0x1000       base of a data area
    //   0x04  mov   r1, #0            counter
    //   0x08  ldr   r2, [r0, r1, lsl #2]
    //   0x0C  add   r2, r2, r1
    //   0x10  str   r2, [r0, r1, lsl #2]
    //   0x14  add   r1, r1, #1
    //   0x18  and   r1, r1, #0xFF
    //   0x1C  b     0x08
    static readonly uint[] Program =
    [
        0xE3A00A01, 0xE3A01000, 0xE7902101, 0xE0822001,
        0xE7802101, 0xE2811001, 0xE20110FF, 0xEAFFFFF9,
    ];

    [Fact]
    public void Running_decoded_code_allocates_nothing()
    {
        using var bus = new PhysicalBus(0, 1 << 20);
        bus.WriteWords(0, Program);
        using var cpu = new ArmCpu(CpuModel.Arm926, bus);
        cpu.Run(100_000); // decode and JIT everything first
        long before = GC.GetAllocatedBytesForCurrentThread();
        long executed = cpu.Run(2_000_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2_000_000, executed);
        Assert.Equal(0, allocated);
    }
}
