using Cloister.Hypervisor.Boot;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Memory;
using Cloister.Platform.Bus;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>The credit scheduler with hard affinity: PickNext hands a CPU only vCPUs whose mask
/// has it, whatever their credit, and an idle CPU is told a vCPU waits only when it may take it.</summary>
public sealed class HardAffinitySchedulerTests : IDisposable
{
    readonly PhysicalBus bus = new(0, 4u << 20);
    readonly MachineMemory machine;
    readonly FrameAllocator frames;

    public HardAffinitySchedulerTests()
    {
        machine = new MachineMemory(bus);
        frames = new FrameAllocator(machine, [new MemoryBank(0, 4u << 20)]);
    }

    public void Dispose() => bus.Dispose();

    Vcpu[] Domain(int id, params uint[] masks)
    {
        var d = new Domain(id, $"d{id}", "system_u:system_r:domU_t", new GuestMemory(machine, []), new AddressSpace(machine, frames))
        {
            Grants = new Grants.GrantTable(machine),
        };
        foreach (var mask in masks) d.Vcpus.Add(new Vcpu(d, d.Vcpus.Count) { HardAffinity = mask });
        return [.. d.Vcpus];
    }

    [Fact]
    public void Pick_next_never_hands_a_vcpu_to_a_cpu_outside_its_mask()
    {
        var s = new Scheduler();
        var pinned = Domain(1, 0b0100, 0b0100);          // cpus="2", two vCPUs
        var pair = Domain(2, 0b0110, 0b0110);            // cpus="1-2"
        var free = Domain(3, HardAffinity.Any);
        var all = pinned.Concat(pair).Concat(free).ToArray();
        foreach (var v in all) s.Add(v);
        var current = new Vcpu?[4];
        var ran = all.ToDictionary(v => v, _ => 0u);
        // Many decisions over many periods, CPUs in turn and yields now and then, so credits,
        // the UNDER/OVER classes and the round-robin position all change.
        for (int step = 0; step < 2000; step++)
        {
            int cpu = step * 7 % 4;
            if (step % 5 == 0 && current[cpu] is { } y) y.YieldRequested = true;
            var next = s.PickNext(cpu, current[cpu], (ulong)step * 3_000_000);
            current[cpu] = next;
            if (next is null) continue;
            Assert.True(next.MayRunOn(cpu), $"{next} (mask 0x{next.HardAffinity:x}) given to CPU{cpu}");
            Assert.Equal(cpu, next.RunningOn);
            ran[next] |= 1u << cpu;
        }
        Assert.All(pinned, v => Assert.Equal(0b0100u, ran[v]));
        Assert.All(pair, v => Assert.Equal(0u, ran[v] & ~0b0110u));
        Assert.Equal(0b0110u, ran[pair[0]] | ran[pair[1]]);
        // CPU 0 has no other vCPU it may run, so the unpinned one is never left waiting for it.
        Assert.NotEqual(0u, ran[free[0]] & 1);
    }

    [Fact]
    public void An_idle_cpu_is_told_of_waiting_vcpus_only_when_it_may_take_one()
    {
        var s = new Scheduler();
        var pinned = Domain(1, 0b0100);
        s.Add(pinned[0]);
        Assert.False(s.AnyWaitingFor(0));
        Assert.True(s.AnyWaitingFor(2));
        Assert.Null(s.PickNext(0, null, 0));
        Assert.Same(pinned[0], s.PickNext(2, null, 0));
        Assert.False(s.AnyWaitingFor(2));
    }
}
