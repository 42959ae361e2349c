using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Events;
using Cloister.Hypervisor.Hypercalls;
using Cloister.Hypervisor.Memory;
using Cloister.Hypervisor.Xsm;

namespace Cloister.Hypervisor.Control;

/// <summary>
/// What dom0's services (the toolstack's xenstored and console backends, running on the host) may
/// ask of the hypervisor, and nothing more. Each call is the host-side twin of a hypercall dom0
/// would make — hvm_op get_param, a foreign mapping, event_channel_op bind/send/close — and goes
/// through the same XSM hook with dom0's label, so the policy decides what dom0 may reach.
/// Results are 0 or a negative Xen errno.
/// </summary>
public sealed partial class Dom0Services
{
    readonly DomainManager domains;
    readonly EventChannelOp channels;
    readonly FrameAllocator frames;
    readonly MachineMemory machine;
    readonly XsmHooks xsm;
    readonly Console.HypervisorConsole console;

    internal Dom0Services(DomainManager domains, MachineMemory machine, EventChannelOp channels, XsmHooks xsm,
        Console.HypervisorConsole console)
    {
        this.machine = machine;
        this.console = console;
        this.domains = domains;
        this.channels = channels;
        this.xsm = xsm;
        frames = domains.Frames;
        channels.ControlSignalled += chn => Signalled?.Invoke(chn.Port);
        domains.Destroying += d => DomainGone?.Invoke(d.Id);
    }

    Domain Control => domains.Control!;

    /// <summary>A guest sent an event to one of dom0's ports (the port number).</summary>
    public event Action<int>? Signalled;

    /// <summary>A guest domain is going (shut down or destroyed): its id.</summary>
    public event Action<int>? DomainGone;

    /// <summary>What the toolstack knows of a domain it built (xl list's columns).</summary>
    public sealed record DomainInfo(int Id, string Name, ulong MemoryKiB, int Vcpus);

    /// <summary>The guest domains that exist now.</summary>
    public IReadOnlyList<DomainInfo> Domains =>
        [.. domains.Domains.Select(d => new DomainInfo(d.Id, d.Name, (ulong)d.Memory.PseudoToMachine.Length * 4, d.Vcpus.Count))];

    /// <summary>hvm_op get_param issued by dom0 for <paramref name="domid"/>.</summary>
    public int GetParam(int domid, uint index, out ulong value)
    {
        value = 0;
        if (domains.Find(domid) is not { } d) return -Errno.ESRCH;
        int rc = xsm.HvmParam(Control, d, "getparam");
        if (rc != 0) return rc;
        value = d.HvmParams.GetValueOrDefault(index);
        return 0;
    }

    /// <summary>EVTCHNOP_bind_interdomain by dom0 to the guest's unbound port.</summary>
    public int BindInterdomain(int domid, uint remotePort, out int localPort)
    {
        localPort = 0;
        if (domains.Find(domid) is not { } d) return -Errno.ESRCH;
        int rc = channels.Bind(Control, d, remotePort, out var chn);
        if (rc == 0) localPort = chn!.Port;
        return rc;
    }

    /// <summary>EVTCHNOP_send on one of dom0's interdomain ports.</summary>
    public int Send(int localPort)
    {
        var chn = Control.Events.Get((uint)localPort);
        if (chn is not { State: ChannelState.Interdomain }) return -Errno.EINVAL;
        return channels.SendInterdomain(Control, chn);
    }

    /// <summary>EVTCHNOP_close on one of dom0's ports.</summary>
    public int Close(int localPort)
    {
        if (Control.Events.Get((uint)localPort) is not { } chn) return -Errno.EINVAL;
        channels.CloseChannel(Control, chn);
        return 0;
    }

    /// <summary>A line of a domain's console, as dom0's console backend read it from the domain's ring,
    /// printed with the domain's "(dN) " prefix. dom0 writes to the hypervisor console, so this is
    /// checked as dom0's console_io write (xen:writeconsole).</summary>
    public int WriteDomainConsole(int domid, string line)
    {
        int rc = xsm.ConsoleIo(Control, write: true);
        if (rc != 0) return rc;
        console.DomainLine(domid, line);
        return 0;
    }

    /// <summary>Reads bytes of a page of the guest's own memory, as through a foreign mapping.</summary>
    public int ReadForeign(int domid, ulong gfn, int offset, Span<byte> dest)
    {
        int rc = ForeignPage(domid, gfn, offset, dest.Length, write: false, out uint address);
        return rc != 0 ? rc : machine.TryRead(address, dest) ? 0 : -Errno.EFAULT;
    }

    /// <summary>Writes bytes into a page of the guest's own memory, as through a writable foreign mapping.</summary>
    public int WriteForeign(int domid, ulong gfn, int offset, ReadOnlySpan<byte> src)
    {
        int rc = ForeignPage(domid, gfn, offset, src.Length, write: true, out uint address);
        return rc != 0 ? rc : machine.TryWrite(address, src) ? 0 : -Errno.EFAULT;
    }

    /// <summary>The machine address of a range inside one page the guest owns: a page it replaced
    /// with shared_info or a grant mapping is not its own and cannot be reached this way.</summary>
    int ForeignPage(int domid, ulong gfn, int offset, int length, bool write, out uint address)
    {
        address = 0;
        if (domains.Find(domid) is not { } d) return -Errno.ESRCH;
        int rc = xsm.ForeignMap(Control, d, write);
        if (rc != 0) return rc;
        var p2m = d.Memory.PseudoToMachine;
        if (gfn >= (ulong)p2m.Length || offset < 0 || length < 0 || offset + length > FrameAllocator.FrameSize) return -Errno.EINVAL;
        uint mfn = p2m[gfn];
        if (mfn == GuestMemory.NoFrame || frames.OwnerOf(mfn) != d.Id) return -Errno.EFAULT;
        address = (mfn << 12) + (uint)offset;
        return 0;
    }
}
