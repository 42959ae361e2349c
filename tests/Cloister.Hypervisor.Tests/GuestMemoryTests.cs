using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Memory;
using Cloister.Platform.Bus;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// GuestMemory, through which every hypercall reads and writes guest structures: a page mapped
/// read-only (a read-only grant of another domain's frame) may be read but never written on the
/// guest's behalf. Found by guests/hostile/memory.c: xen_version, query_size, map_grant_ref and
/// multicall results landed in the granter's page.
/// </summary>
public class GuestMemoryTests
{
    static (GuestMemory Memory, PhysicalBus Bus) TwoPages()
    {
        var bus = new PhysicalBus(0, 0x10000);
        // Pseudo-physical page 0 → machine frame 3, page 1 → machine frame 5.
        return (new GuestMemory(new MachineMemory(bus), [3, 5]), bus);
    }

    [Fact]
    public void A_read_only_page_can_be_read_but_not_written()
    {
        var (memory, bus) = TwoPages();
        bus.Ram[0x5010] = 0x42;
        memory.SetReadOnly(1, true);
        Span<byte> b = stackalloc byte[1];
        Assert.True(memory.TryRead(0x1010, b));
        Assert.Equal(0x42, b[0]);
        Assert.False(memory.TryWrite(0x1010, [0x99]));
        Assert.Equal(0x42, bus.Ram[0x5010]);
    }

    [Fact]
    public void A_write_straddling_into_a_read_only_page_fails_before_touching_it()
    {
        var (memory, bus) = TwoPages();
        memory.SetReadOnly(1, true);
        Assert.False(memory.TryWrite(0x0FFE, [1, 2, 3, 4]));
        Assert.Equal(0, bus.Ram[0x5000]);
    }

    [Fact]
    public void Writable_again_once_the_mapping_is_gone()
    {
        var (memory, bus) = TwoPages();
        memory.SetReadOnly(1, true);
        memory.SetReadOnly(1, false);
        Assert.True(memory.TryWrite(0x1000, [7]));
        Assert.Equal(7, bus.Ram[0x5000]);
    }
}
