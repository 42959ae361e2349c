using System.Buffers.Binary;
using Cloister.Hypervisor.Boot;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Hypercalls;
using Cloister.Hypervisor.Memory;
using Cloister.Platform.Bus;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// multicall's op field is a 64-bit xen_ulong_t; Xen's arch_do_multicall_call compares all of it
/// with the table size, so 2^32 + 17 is -ENOSYS, not xen_version (found by
/// guests/hostile/arguments.c).
/// </summary>
public class MulticallTests
{
    static (Multicall Call, Vcpu Vcpu, PhysicalBus Bus, List<uint> Dispatched) OneDomain()
    {
        var bus = new PhysicalBus(0, 0x40000);
        var machine = new MachineMemory(bus);
        var frames = new FrameAllocator(machine, [new MemoryBank(0x10000, 0x30000)]);
        var domain = new Domain(1, "d", "system_u:system_r:domU_t", new GuestMemory(machine, [4]), new AddressSpace(machine, frames)) { Grants = new Grants.GrantTable(machine) };
        var dispatched = new List<uint>();
        var multicall = new Multicall(c => { dispatched.Add(c.Number); return 7; });
        return (multicall, new Vcpu(domain, 0), bus, dispatched);
    }

    [Theory]
    [InlineData(0x1_0000_0011UL)]
    [InlineData(ulong.MaxValue)]
    public void An_op_beyond_32_bits_is_ENOSYS_and_not_dispatched(ulong op)
    {
        var (multicall, vcpu, bus, dispatched) = OneDomain();
        BinaryPrimitives.WriteUInt64LittleEndian(bus.Ram[0x4000..], op);   // entry 0 at guest 0
        Assert.Equal(0, multicall.Invoke(new HypercallContext(vcpu, 13, 0, 1, 0, 0, 0)));
        Assert.Empty(dispatched);
        Assert.Equal(-Errno.ENOSYS, BinaryPrimitives.ReadInt64LittleEndian(bus.Ram[0x4008..]));
    }

    [Fact]
    public void A_32_bit_op_is_dispatched_and_its_result_written_back()
    {
        var (multicall, vcpu, bus, dispatched) = OneDomain();
        BinaryPrimitives.WriteUInt64LittleEndian(bus.Ram[0x4000..], 17);
        Assert.Equal(0, multicall.Invoke(new HypercallContext(vcpu, 13, 0, 1, 0, 0, 0)));
        Assert.Equal([17u], dispatched);
        Assert.Equal(7, BinaryPrimitives.ReadInt64LittleEndian(bus.Ram[0x4008..]));
    }
}
