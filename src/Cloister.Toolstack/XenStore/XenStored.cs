using Cloister.Hypervisor.Control;
using Cloister.Hypervisor.Domains;
using Cloister.Toolstack.Rings;

namespace Cloister.Toolstack.XenStore;

/// <summary>
/// xenstored acting as dom0: for each domain the builder gave a xenstore ring, it binds to the
/// domain's store port, writes the domain's nodes and serves its ring whenever the domain
/// signals. Everything it touches in a domain goes through <see cref="Dom0Services"/>, checked
/// by FLASK as dom0's own foreign mappings and event channels.
/// </summary>
public sealed class XenStored
{
    sealed record Connection(int Domain, XsRing Ring, int Port);

    readonly Dom0Services dom0;
    readonly Dictionary<int, Connection> byDomain = [];
    readonly Dictionary<int, Connection> byPort = [];

    public XenStoreServer Store { get; }

    readonly Quotas quotas;

    public XenStored(Dom0Services dom0, Quotas? quotas = null)
    {
        this.dom0 = dom0;
        this.quotas = quotas ?? new Quotas();
        Store = new XenStoreServer(this.quotas)
        {
            Send = (d, m) => { if (byDomain.TryGetValue(d, out var c) && c.Ring.Queue(m, this.quotas.EventsQueued)) Kick(c); },
        };
        dom0.Signalled += port => { if (byPort.TryGetValue(port, out var c)) Serve(c); };
        dom0.DomainGone += Release;
        dom0.DomainBuilt += id => Introduce(dom0.Domains.First(d => d.Id == id));
        foreach (var d in dom0.Domains) Introduce(d);
    }

    /// <summary>A ring's page and port from the domain's HVM parameters; null when it has none.</summary>
    (ulong Pfn, ulong Port)? Ring(int domid, uint pfnParam, uint portParam) =>
        dom0.GetParam(domid, pfnParam, out ulong pfn) == 0 && pfn != 0 && dom0.GetParam(domid, portParam, out ulong port) == 0
            ? (pfn, port) : null;

    /// <summary>Writes the domain's nodes and connects it, as INTRODUCE does: no connection when it
    /// has no ring or dom0 may not reach it.</summary>
    void Introduce(Dom0Services.DomainInfo d)
    {
        int domid = d.Id;
        var store = Ring(domid, StoreConsoleBuilder.ParamStorePfn, StoreConsoleBuilder.ParamStoreEvtchn);
        DomainNodes.Write(Store, d, store, Ring(domid, StoreConsoleBuilder.ParamConsolePfn, StoreConsoleBuilder.ParamConsoleEvtchn));
        if (store is not { } s || dom0.BindInterdomain(domid, (uint)s.Port, out int local) != 0) return;
        ulong pfn = s.Pfn;
        var c = new Connection(domid, new XsRing(new ForeignRingPage(dom0, domid, pfn)), local);
        byDomain[domid] = c;
        byPort[local] = c;
        Store.Introduce(domid);
    }

    void Release(int domid)
    {
        if (byDomain.Remove(domid, out var c))
        {
            byPort.Remove(c.Port);
            dom0.Close(c.Port);
        }
        Store.Release(domid);
        // The toolstack removes a destroyed domain's nodes (libxl's domain destruction does).
        Store.Handle(0, new XsMessage(XsType.Rm, 0, 0, XsMessage.Join([XenStoreServer.DomainPath(domid)])));
    }

    void Serve(Connection c)
    {
        bool consumed = false;
        // Replies first: the guest may have made room. New requests only while few replies wait.
        bool wrote = c.Ring.Flush();
        if (c.Ring.Pending < quotas.OutstandingRequests)
            foreach (var request in c.Ring.Receive(out consumed))
                c.Ring.Queue(Store.Handle(c.Domain, request), int.MaxValue); // a reply is never dropped
        Kick(c, consumed || wrote);
    }

    void Kick(Connection c, bool consumed = false)
    {
        if (c.Ring.Flush() | consumed) dom0.Send(c.Port);
    }
}
