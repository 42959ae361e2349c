using System.Buffers.Binary;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Events;
using Cloister.Hypervisor.Hypercalls;
using Cloister.Hypervisor.Memory;
using Cloister.Hypervisor.Xsm;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>SCHEDOP_poll (3) as Xen 4.17's do_poll on ARM: struct sched_poll {ports handle @0,
/// nr_ports @8, timeout @16} (AbiLayoutTests checks it with arm-none-eabi-gcc); the checks
/// in Xen's order, then a block that only a polled port, an upcall or the timeout ends.</summary>
public class PollTests
{
    const uint Poll = 3;
    readonly TestHost host = new(0x400000);
    readonly MachineMemory machine;
    readonly EventDelivery delivery;
    readonly SchedOp op;
    readonly Domain domain;
    readonly Vcpu vcpu0, vcpu1;

    public PollTests()
    {
        machine = host.Machine;
        delivery = new EventDelivery(machine);
        domain = host.CreateGuest("poller", vcpus: 2);
        vcpu0 = domain.Vcpus[0];
        vcpu1 = domain.Vcpus[1];
        op = new SchedOp(host.Domains, delivery, new XsmHooks(FlaskMode.Disabled, _ => { }));
    }

    const uint Arg = TestHost.FreeGuestPage, PortArray = TestHost.FreeGuestPage + 0x100;

    int Call(uint[] ports, ulong timeout = 0, uint? nrPorts = null, uint portsAddress = PortArray, Vcpu? on = null)
    {
        Span<byte> a = stackalloc byte[SchedOp.PollLayout.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(a[SchedOp.PollLayout.Ports..], portsAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(a[SchedOp.PollLayout.NrPorts..], nrPorts ?? (uint)ports.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(a[SchedOp.PollLayout.Timeout..], timeout);
        Assert.True(domain.Memory.TryWrite(Arg, a));
        var array = new byte[ports.Length * 4];
        for (int i = 0; i < ports.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(array.AsSpan(i * 4), ports[i]);
        Assert.True(domain.Memory.TryWrite(PortArray, array));
        return op.Invoke(new HypercallContext(on ?? vcpu0, HypercallNumbers.SchedOp, Poll, Arg, 0, 0, 0));
    }

    EventChannel Channel(int notifyVcpu = 0)
    {
        var chn = domain.Events.Allocate()!;
        chn.State = ChannelState.Unbound;
        chn.NotifyVcpu = notifyVcpu;
        return chn;
    }

    void Mask(EventChannel chn)
    {
        uint word = (domain.SharedInfoFrame << 12) + SharedInfoLayout.EventMask + (uint)(chn.Port / 32) * 4;
        machine.TryRead32(word, out uint w);
        machine.Write32(word, w | 1u << (chn.Port % 32));
    }

    [Fact]
    public void More_than_128_ports_is_EINVAL_and_nothing_blocks()
    {
        Assert.Equal(-Errno.EINVAL, Call([], nrPorts: 129));
        Assert.False(vcpu0.Blocked);
    }

    [Fact]
    public void An_unreadable_argument_or_port_array_is_EFAULT()
    {
        Assert.Equal(-Errno.EFAULT, op.Invoke(new HypercallContext(vcpu0, HypercallNumbers.SchedOp, Poll, 0x100FFC, 0, 0, 0)));
        Assert.Equal(-Errno.EFAULT, Call([], nrPorts: 1, portsAddress: 0x100FFC));
        Assert.False(vcpu0.Blocked);
    }

    [Fact]
    public void A_port_beyond_the_two_level_limit_is_EINVAL()
    {
        Assert.Equal(-Errno.EINVAL, Call([(uint)Channel().Port, EventChannelTable.MaxPorts]));
        Assert.False(vcpu0.Blocked);
    }

    [Fact]
    public void Ports_are_checked_in_order_so_a_pending_port_before_a_bad_one_returns_0()
    {
        var chn = Channel();
        Mask(chn);
        delivery.Raise(domain, chn);
        Assert.Equal(0, Call([(uint)chn.Port, EventChannelTable.MaxPorts]));
        Assert.False(vcpu0.Blocked);
    }

    [Fact]
    public void A_pending_masked_port_returns_at_once()
    {
        var chn = Channel();
        Mask(chn);
        delivery.Raise(domain, chn);
        Assert.Equal(0, Call([(uint)chn.Port]));
        Assert.False(vcpu0.Blocked);
        Assert.False(vcpu0.Polling);
    }

    [Fact]
    public void An_upcall_the_vcpu_would_take_returns_at_once_but_a_masked_upcall_does_not()
    {
        var other = Channel();
        delivery.Raise(domain, other); // unmasked port: upcall pending on vCPU 0
        delivery.SetUpcallMask(vcpu0, false);
        Assert.Equal(0, Call([(uint)Channel().Port]));
        Assert.False(vcpu0.Blocked);

        delivery.SetUpcallMask(vcpu0, true);
        Assert.Equal(0, Call([(uint)Channel().Port]));
        Assert.True(vcpu0.Polling);
    }

    [Fact]
    public void Polling_one_port_sleeps_through_other_ports_and_wakes_for_its_own()
    {
        var polled = Channel();
        var other = Channel();
        Mask(polled);
        Mask(other);
        Assert.Equal(0, Call([(uint)polled.Port], timeout: 5_000_000));
        Assert.True(vcpu0.Blocked);
        Assert.Equal((uint)polled.Port, vcpu0.PollPort);
        Assert.Equal(5_000_000UL, vcpu0.PollDeadline);

        delivery.Raise(domain, other);
        Assert.True(vcpu0.Blocked);

        delivery.Raise(domain, polled);
        Assert.False(vcpu0.Blocked);
        Assert.False(vcpu0.Polling);
        Assert.Null(vcpu0.PollDeadline);
    }

    [Fact]
    public void Polling_several_ports_wakes_for_any_new_event_of_the_domain()
    {
        var a = Channel();
        var b = Channel();
        var unrelated = Channel();
        foreach (var c in new[] { a, b, unrelated }) Mask(c);
        Assert.Equal(0, Call([(uint)a.Port, (uint)b.Port]));
        Assert.True(vcpu0.Polling);
        Assert.Null(vcpu0.PollPort);
        Assert.Null(vcpu0.PollDeadline);

        delivery.Raise(domain, unrelated);
        Assert.False(vcpu0.Blocked);
    }

    [Fact]
    public void An_upcall_raised_for_the_polling_vcpu_wakes_it_and_its_mask_is_left_alone()
    {
        var polled = Channel();
        Mask(polled);
        delivery.SetUpcallMask(vcpu0, true);
        Assert.Equal(0, Call([(uint)polled.Port]));
        Assert.True(vcpu0.Blocked);

        delivery.Raise(domain, Channel(notifyVcpu: 0)); // unmasked: notifies vCPU 0
        Assert.False(vcpu0.Blocked);
        Assert.True(delivery.UpcallState(vcpu0).Masked);
    }

    [Fact]
    public void A_vcpu_polling_is_not_woken_by_an_upcall_for_another_vcpu()
    {
        var polled = Channel();
        Mask(polled);
        Assert.Equal(0, Call([(uint)polled.Port], on: vcpu0));
        Assert.True(vcpu0.Polling);

        // vCPU 1 has no vcpu_info until it registers one (its events would go to vCPU 0): give it one.
        vcpu1.InfoAddress = host.Frames.Allocate(FrameAllocator.Hypervisor)!.Value << 12;
        delivery.Raise(domain, Channel(notifyVcpu: 1));
        Assert.True(vcpu0.Blocked);
    }

    [Fact]
    public void Zero_ports_and_no_timeout_sleeps_until_any_event()
    {
        Assert.Equal(0, Call([]));
        Assert.True(vcpu0.Polling);
        Assert.Null(vcpu0.PollPort);
        var chn = Channel();
        Mask(chn);
        delivery.Raise(domain, chn);
        Assert.False(vcpu0.Blocked);
    }

    [Fact]
    public void Polling_port_0_alone_is_polling_any_port_as_in_Xen()
    {
        Assert.Equal(0, Call([0]));
        Assert.Null(vcpu0.PollPort);
    }
}
