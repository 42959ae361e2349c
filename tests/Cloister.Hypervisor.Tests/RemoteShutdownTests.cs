using System.Buffers.Binary;
using Cloister.Hypervisor.Boot;
using Cloister.Hypervisor.Console;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Drivers;
using Cloister.Hypervisor.Events;
using Cloister.Hypervisor.Hypercalls;
using Cloister.Hypervisor.Memory;
using Cloister.Hypervisor.Xsm;
using Cloister.Platform.Bus;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>SCHEDOP_remote_shutdown (4) as Xen 4.17's do_sched_op: {u16 domid, u32 reason @4}
/// (8 bytes, arm-none-eabi-gcc), -EFAULT, then -ESRCH for an id that names no domain (DOMID_SELF
/// included), then the XSM check, then the shutdown.</summary>
public class RemoteShutdownTests
{
    const uint RemoteShutdown = 4;
    readonly TestHost host = new(0x400000);
    readonly DomainManager domains;
    readonly MachineMemory machine;
    readonly SchedOp op;
    readonly Domain caller, target;

    public RemoteShutdownTests()
    {
        machine = host.Machine;
        domains = host.Domains;
        caller = host.CreateGuest("caller");
        target = host.CreateGuest("target");
        op = new SchedOp(domains, new EventDelivery(machine), new XsmHooks(FlaskMode.Disabled, _ => { }));
    }

    const uint Arg = TestHost.FreeGuestPage;

    int Call(ushort domid, uint reason) => Call(op, domid, reason);

    int Call(SchedOp schedOp, ushort domid, uint reason)
    {
        Span<byte> a = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(a, domid);
        BinaryPrimitives.WriteUInt32LittleEndian(a[4..], reason);
        Assert.True(caller.Memory.TryWrite(Arg, a));
        return schedOp.Invoke(new HypercallContext(caller.Vcpus[0], HypercallNumbers.SchedOp, RemoteShutdown, Arg, 0, 0, 0));
    }

    [Theory]
    [InlineData("phone_ctl_t", "radio_t")]
    [InlineData("domU_t", "radio_t")]
    [InlineData("radio_t", "ui_t")]
    public void FLASK_domain_shutdown_decides_with_an_audited_denial(string source, string targetType)
    {
        var audit = new List<string>();
        var xsm = TestHost.EnforcingXsm(audit);
        TestHost.Label(xsm, caller, source);
        TestHost.Label(xsm, target, targetType);
        bool allowed = Sesearch.Allows(TestHost.ProjectPolicy, source, targetType, "domain", "shutdown");

        int rc = Call(new SchedOp(domains, new EventDelivery(machine), xsm), (ushort)target.Id, 0);

        Assert.Equal(allowed ? 0 : -Errno.EACCES, rc);
        Assert.Equal(allowed, target.State == DomainState.Shutdown);
        Assert.Equal(allowed ? 0 : 1, audit.Count(l => l.Contains("denied") && l.Contains("{ shutdown }")));
    }

    [Fact]
    public void Another_domain_is_shut_down_with_the_reason_given()
    {
        Assert.Equal(0, Call((ushort)target.Id, (uint)ShutdownReason.Reboot));
        Assert.Equal(DomainState.Shutdown, target.State);
        Assert.Equal(ShutdownReason.Reboot, target.Shutdown);
        Assert.NotEqual(DomainState.Shutdown, caller.State);
    }

    [Fact]
    public void The_caller_may_name_itself_by_its_id()
    {
        Assert.Equal(0, Call((ushort)caller.Id, (uint)ShutdownReason.Crash));
        Assert.Equal(ShutdownReason.Crash, caller.Shutdown);
    }

    [Theory]
    [InlineData((ushort)0x7FF0)]   // DOMID_SELF: rcu_lock_domain_by_id knows real ids only
    [InlineData((ushort)3)]        // no such domain
    [InlineData((ushort)0)]        // the control domain runs on the host: not a target
    public void An_id_naming_no_guest_domain_is_ESRCH(ushort domid)
    {
        Assert.Equal(-Errno.ESRCH, Call(domid, 0));
        Assert.NotEqual(DomainState.Shutdown, caller.State);
        Assert.NotEqual(DomainState.Shutdown, target.State);
    }

    [Fact]
    public void A_reason_the_toolstack_does_not_know_is_EINVAL_and_nothing_happens()
    {
        Assert.Equal(-Errno.EINVAL, Call((ushort)target.Id, 5));
        Assert.NotEqual(DomainState.Shutdown, target.State);
    }

    [Fact]
    public void An_unreadable_argument_is_EFAULT()
    {
        Assert.Equal(-Errno.EFAULT, op.Invoke(new HypercallContext(caller.Vcpus[0], HypercallNumbers.SchedOp, RemoteShutdown, 0x100FFC, 0, 0, 0)));
        Assert.NotEqual(DomainState.Shutdown, target.State);
    }
}
