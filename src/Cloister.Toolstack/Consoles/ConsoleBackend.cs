using System.Text;
using Cloister.Hypervisor.Control;
using Cloister.Hypervisor.Domains;
using Cloister.Toolstack.Rings;

namespace Cloister.Toolstack.Consoles;

/// <summary>
/// dom0's console backend (Xen's xenconsoled): binds to each domain's console port, and when the
/// domain signals, takes what it wrote in its console ring and prints each whole line as the
/// domain's console output ("(dN) " lines in `cloister run`). The domain is told when the ring has
/// room again.
/// </summary>
public sealed class ConsoleBackend
{
    sealed record Connection(int Domain, ConsoleRing Ring, int Port, StringBuilder Line);

    readonly Dom0Services dom0;
    readonly Dictionary<int, Connection> byPort = [];

    public ConsoleBackend(Dom0Services dom0)
    {
        this.dom0 = dom0;
        dom0.Signalled += port => { if (byPort.TryGetValue(port, out var c)) Serve(c); };
        dom0.DomainGone += Release;
        dom0.DomainBuilt += Connect;
        foreach (var d in dom0.Domains) Connect(d.Id);
    }

    void Connect(int domid)
    {
        if (dom0.GetParam(domid, StoreConsoleBuilder.ParamConsolePfn, out ulong pfn) != 0 || pfn == 0) return;
        if (dom0.GetParam(domid, StoreConsoleBuilder.ParamConsoleEvtchn, out ulong port) != 0) return;
        if (dom0.BindInterdomain(domid, (uint)port, out int local) != 0) return;
        byPort[local] = new Connection(domid, new ConsoleRing(new ForeignRingPage(dom0, domid, pfn)), local, new StringBuilder());
    }

    /// <summary>What a domain wrote in its ring (its id, the bytes as taken): `xl console` streams it.</summary>
    public event Action<int, byte[]>? Output;

    /// <summary>Puts typed bytes in the domain's input ring and tells it: the number that fit (the
    /// caller keeps the rest for later), -1 when the domain has no console ring dom0 serves.</summary>
    public int Input(int domid, ReadOnlySpan<byte> bytes)
    {
        if (byPort.Values.FirstOrDefault(c => c.Domain == domid) is not { } c) return -1;
        int n = c.Ring.PutInput(bytes);
        if (n > 0) dom0.Send(c.Port);
        return n;
    }

    void Serve(Connection c)
    {
        var bytes = c.Ring.TakeOutput();
        if (bytes.Length > 0) Output?.Invoke(c.Domain, bytes);
        foreach (byte b in bytes)
        {
            if (b == '\n') { dom0.WriteDomainConsole(c.Domain, c.Line.ToString()); c.Line.Clear(); }
            else if (b != '\r') c.Line.Append((char)b);
        }
        if (bytes.Length > 0) dom0.Send(c.Port);
    }

    void Release(int domid)
    {
        foreach (var c in byPort.Values.Where(c => c.Domain == domid).ToList())
        {
            byPort.Remove(c.Port);
            dom0.Close(c.Port);
        }
    }
}
