using Cloister.Platform.Bus;
using System.Buffers.Binary;
using Cloister.Arm;
using Cloister.ArmV6.Tests.Harness;

namespace Cloister.ArmV6.Tests.Tests;

/// <summary>
/// Two ARM11 MPCore cores on one bus sharing a <see cref="GlobalMonitor"/>, interleaved in small random time
/// slices: a LDREX/STREX spinlock with WFE/SEV must keep a plain read-modify-write in its critical section
/// exact, and a store-exclusive by one core must end the other's reservation even when it writes back the
/// value that was there (the ABA case a value comparison alone would miss).
/// </summary>
public class SmpMonitorTests
{
    const string SpinlockProgram = """
            .syntax unified
            .arm
            .global _start
        _start:
            ldr r1, =0x00100000      @ lock
            ldr r5, =0x00100010      @ counter, updated non-atomically under the lock
            ldr r2, =3000
            mov r6, #1
        lock:
            ldrex r3, [r1]
            cmp r3, #0
            wfene
            bne lock
            strex r3, r6, [r1]
            cmp r3, #0
            bne lock
            ldr r0, [r5]
            add r0, r0, #1
            str r0, [r5]
            mov r0, #0
            str r0, [r1]
            sev
            subs r2, r2, #1
            bne lock
            ldr r7, =0x00100020
        done:
            ldrex r0, [r7]
            add r0, r0, #1
            strex r3, r0, [r7]
            cmp r3, #0
            bne done
        halt:
            wfi
            b halt
            .ltorg
        """;

    static (PhysicalBus Bus, ArmCpu[] Cpus) Boot(string source, int count)
    {
        string elf = Runner.Build(source, "mpcore");
        // RAM only; stray device accesses read 0 and are ignored, so they cannot abort the frame.
        var bus = new PhysicalBus(0, 16u << 20) { IgnoreTransactionFailures = true };
        var image = ElfImage.Read(elf);
        foreach (var (address, data) in image.Segments) bus.WriteBytes(address, data);
        var monitor = new GlobalMonitor();
        var cpus = new ArmCpu[count];
        for (int i = 0; i < count; i++)
        {
            cpus[i] = new ArmCpu(CpuModel.Arm11MpCore, bus) { CpuIndex = (uint)i, GlobalMonitor = monitor };
            cpus[i].Pc = image.Entry;
        }
        return (bus, cpus);
    }

    static uint Word(PhysicalBus bus, uint address) => bus.ReadWord(address);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SpinlockKeepsCriticalSectionExact(int seed)
    {
        var (bus, cpus) = Boot(SpinlockProgram, 2);
        using var _ = bus;
        var rng = new Random(seed);
        long steps = 0;
        while (Word(bus, 0x00100020) < 2)
        {
            long ran = 0;
            foreach (var cpu in cpus) ran += cpu.Run(1 + rng.Next(12));
            Assert.True(ran > 0 || cpus.Any(c => !c.WaitingForInterrupt), "both cores asleep: a lost wake-up (SEV/WFE)");
            Assert.True(++steps < 5_000_000, "no progress");
        }
        Assert.Equal(2u * 3000u, Word(bus, 0x00100010));
        foreach (var cpu in cpus) cpu.Dispose();
    }

    const string AbaProgram = """
            .syntax unified
            .arm
            .global _start
        _start:
            mrc p15, 0, r0, c0, c0, 5
            ldr r1, =0x00100000
            cmp r0, #0
            bne other
            ldrex r2, [r1]           @ core 0: open a reservation ...
            nop                      @ ... (core 1 runs its two exclusive pairs here) ...
            add r2, r2, #1
            strex r3, r2, [r1]       @ ... and must fail
            b .
        other:
            ldrex r2, [r1]
            add r2, r2, #1
            strex r3, r2, [r1]
            ldrex r2, [r1]
            sub r2, r2, #1
            strex r4, r2, [r1]       @ the word holds its old value again
            b .
            .ltorg
        """;

    [Fact]
    public void StoreExclusiveOfAnotherCoreEndsTheReservation()
    {
        var (bus, cpus) = Boot(AbaProgram, 2);
        using var _ = bus;
        cpus[0].Run(5);   // mrc, ldr, cmp, bne, ldrex
        cpus[1].Run(10);  // its whole sequence
        Assert.Equal(0u, cpus[1].GetRegister(3));
        Assert.Equal(0u, cpus[1].GetRegister(4));
        cpus[0].Run(4);   // nop, add, strex, b
        Assert.Equal(1u, cpus[0].GetRegister(3));
        Assert.Equal(0u, Word(bus, 0x00100000));
        foreach (var cpu in cpus) cpu.Dispose();
    }

    [Fact]
    public void SevWakesACoreWaitingInWfe()
    {
        const string program = """
                .syntax unified
                .arm
                .global _start
            _start:
                mrc p15, 0, r0, c0, c0, 5
                cmp r0, #0
                bne sleeper
                b .
            sleeper:
                wfe
                mov r5, #0x55
                b .
            """;
        var (bus, cpus) = Boot(program, 2);
        using var _ = bus;
        cpus[1].Run(4);
        Assert.True(cpus[1].WaitingForInterrupt);
        Assert.Equal(0, cpus[1].Run(10));
        cpus[0].GlobalMonitor.SendEvent();
        Assert.False(cpus[1].WaitingForInterrupt);
        cpus[1].Run(2);
        Assert.Equal(0x55u, cpus[1].GetRegister(5));
        foreach (var cpu in cpus) cpu.Dispose();
    }
}
