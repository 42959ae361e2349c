using Cloister.Hypervisor.Console;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Drivers;
using Cloister.Hypervisor.Hypercalls;
using Cloister.Hypervisor.Xsm;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>CONSOLEIO_read (1) as Xen 4.17's do_console_io: FLASK xen:readconsole first, then
/// -E2BIG for a count beyond INT_MAX; serial input goes to the hardware domain (the host-side
/// toolstack here), so a guest reads nothing and its buffer is left alone.</summary>
public class ConsoleReadTests
{
    const uint Read = 1;
    readonly TestHost host = new(0x400000);
    readonly Domain guest;

    public ConsoleReadTests()
    {
        guest = host.CreateGuest("reader");
    }

    const uint Buffer = TestHost.FreeGuestPage;

    int Call(XsmHooks xsm, uint count, uint buffer = Buffer)
    {
        var op = new ConsoleIo(new HypervisorConsole(new Pl011Console(host.Bus, 0x101F1000)), xsm);
        return op.Invoke(new HypercallContext(guest.Vcpus[0], HypercallNumbers.ConsoleIo, Read, count, buffer, 0, 0));
    }

    static XsmHooks NoFlask => new(FlaskMode.Disabled, _ => { });

    [Fact]
    public void A_guest_reads_nothing_and_its_buffer_is_untouched()
    {
        Assert.True(guest.Memory.TryWrite(Buffer, [0xA5, 0xA5, 0xA5, 0xA5]));
        Assert.Equal(0, Call(NoFlask, 4));
        var after = new byte[4];
        Assert.True(guest.Memory.TryRead(Buffer, after));
        Assert.Equal([0xA5, 0xA5, 0xA5, 0xA5], after);
    }

    [Fact]
    public void A_count_beyond_INT_MAX_is_E2BIG()
    {
        Assert.Equal(-Errno.E2BIG, Call(NoFlask, 0x80000000));
        Assert.Equal(0, Call(NoFlask, 0x7FFFFFFF));
    }

    [Theory]
    [InlineData("domU_t")]
    [InlineData("phone_ctl_t")]
    public void FLASK_xen_readconsole_decides_first(string type)
    {
        var audit = new List<string>();
        var xsm = TestHost.EnforcingXsm(audit);
        TestHost.Label(xsm, guest, type);
        bool allowed = Sesearch.Allows(TestHost.ProjectPolicy, type, "xen_t", "xen", "readconsole");

        Assert.Equal(allowed ? -Errno.E2BIG : -Errno.EACCES, Call(xsm, 0x80000000));
        Assert.Equal(allowed ? 0 : 1, audit.Count(l => l.Contains("denied") && l.Contains("{ readconsole }")));
    }
}
