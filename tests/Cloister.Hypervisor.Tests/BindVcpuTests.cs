using System.Buffers.Binary;
using Cloister.Hypervisor.Boot;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Events;
using Cloister.Hypervisor.Hypercalls;
using Cloister.Hypervisor.Memory;
using Cloister.Hypervisor.Xsm;
using Cloister.Platform.Bus;
using Cloister.Hypervisor.Console;
using Cloister.Hypervisor.Drivers;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>EVTCHNOP_bind_vcpu (8) as Xen 4.17's evtchn_bind_vcpu: the vCPU is checked before the
/// port, and only global VIRQs, unbound and interdomain channels may change their vCPU.</summary>
public class BindVcpuTests
{
    const uint BindVcpu = 8;
    readonly TestHost host = new(0x40000);
    readonly Domain domain;
    readonly EventChannelOp op;

    public BindVcpuTests()
    {
        var machine = host.Machine;
        domain = new Domain(1, "d", "", new GuestMemory(machine, [4]), new AddressSpace(machine, host.Frames)) { Grants = new Grants.GrantTable(machine) };
        domain.Vcpus.Add(new Vcpu(domain, 0));
        domain.Vcpus.Add(new Vcpu(domain, 1));
        op = new EventChannelOp(host.Domains, new EventDelivery(machine), new XsmHooks(FlaskMode.Disabled, _ => { }));
    }

    EventChannel Open(ChannelState state, uint virq = 0)
    {
        var chn = domain.Events.Allocate()!;
        chn.State = state;
        chn.Virq = virq;
        return chn;
    }

    // struct evtchn_bind_vcpu { evtchn_port_t port; uint32_t vcpu; } at guest address 0x100.
    int Call(uint port, uint vcpu)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(host.Bus.Ram[0x4100..], port);
        BinaryPrimitives.WriteUInt32LittleEndian(host.Bus.Ram[0x4104..], vcpu);
        return op.Invoke(new HypercallContext(domain.Vcpus[0], HypercallNumbers.EventChannelOp, BindVcpu, 0x100, 0, 0, 0));
    }

    [Theory]
    [InlineData(ChannelState.Unbound, 0u)]
    [InlineData(ChannelState.Interdomain, 0u)]
    [InlineData(ChannelState.Virq, 3u)]    // VIRQ_CONSOLE: global
    [InlineData(ChannelState.Virq, 16u)]   // ARM arch VIRQ: global
    public void A_movable_channel_notifies_the_new_vcpu(ChannelState state, uint virq)
    {
        var chn = Open(state, virq);
        Assert.Equal(0, Call((uint)chn.Port, 1));
        Assert.Equal(1, chn.NotifyVcpu);
    }

    [Theory]
    [InlineData(0u)]    // VIRQ_TIMER
    [InlineData(1u)]    // VIRQ_DEBUG
    [InlineData(7u)]    // VIRQ_XENOPROF
    [InlineData(13u)]   // VIRQ_XENPMU
    public void A_per_vcpu_virq_is_EINVAL(uint virq)
    {
        var chn = Open(ChannelState.Virq, virq);
        Assert.Equal(-Errno.EINVAL, Call((uint)chn.Port, 1));
        Assert.Equal(0, chn.NotifyVcpu);
    }

    [Fact]
    public void An_ipi_is_EINVAL()
    {
        var chn = Open(ChannelState.Ipi);
        Assert.Equal(-Errno.EINVAL, Call((uint)chn.Port, 1));
        Assert.Equal(0, chn.NotifyVcpu);
    }

    [Theory]
    [InlineData(0u)]      // reserved
    [InlineData(2u)]      // free
    [InlineData(4096u)]   // beyond the two-level ABI
    public void A_free_or_invalid_port_is_EINVAL(uint port)
    {
        Open(ChannelState.Unbound);
        Assert.Equal(-Errno.EINVAL, Call(port, 1));
    }

    [Fact]
    public void A_missing_vcpu_is_ENOENT_even_for_a_bad_port()
    {
        var chn = Open(ChannelState.Unbound);
        Assert.Equal(-Errno.ENOENT, Call((uint)chn.Port, 2));
        Assert.Equal(-Errno.ENOENT, Call(4096, 2));
        Assert.Equal(0, chn.NotifyVcpu);
    }

    [Fact]
    public void An_unreadable_argument_is_EFAULT()
    {
        Assert.Equal(-Errno.EFAULT, op.Invoke(new HypercallContext(domain.Vcpus[0], HypercallNumbers.EventChannelOp, BindVcpu, 0xFFC, 0, 0, 0)));
    }
}
