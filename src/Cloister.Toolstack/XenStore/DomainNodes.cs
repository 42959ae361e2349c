using Cloister.Hypervisor.Control;

namespace Cloister.Toolstack.XenStore;

/// <summary>
/// The nodes the toolstack writes for a new domain, with the permissions libxl gives them
/// (tools/libs/light/libxl_create.c libxl__domain_make, libxl_dom.c libxl__build_post,
/// libxl_console.c): /local/domain/N is dom0's and readable by the domain; name, domid, memory/,
/// cpu/, store/ and console/ inherit that; the domain's own subtrees (data, device, control, ...)
/// belong to it, readable by nobody else.
/// </summary>
public static class DomainNodes
{
    static readonly string[] OwnSubtrees = ["device", "control", "data", "drivers", "feature", "attr", "error"];

    /// <summary>The nodes of domain <paramref name="d"/>; its rings (page and port) when it has them,
    /// published as libxl does (store/ and console/, with xenconsoled as the console's backend).</summary>
    public static void Write(XenStoreServer store, Dom0Services.DomainInfo d, (ulong Pfn, ulong Port)? storeRing,
        (ulong Pfn, ulong Port)? consoleRing)
    {
        int domid = d.Id;
        string home = XenStoreServer.DomainPath(domid);
        Do(store, XsType.Mkdir, home);
        Do(store, XsType.SetPerms, home, "n0", $"r{domid}");
        Do(store, XsType.Write, home + "/name", d.Name);
        Do(store, XsType.Write, home + "/domid", domid.ToString());
        Do(store, XsType.Write, home + "/memory/static-max", d.MemoryKiB.ToString());
        Do(store, XsType.Write, home + "/memory/target", d.MemoryKiB.ToString());
        for (int v = 0; v < d.Vcpus; v++) Do(store, XsType.Write, $"{home}/cpu/{v}/availability", "online");
        if (storeRing is { } s)
        {
            Do(store, XsType.Write, home + "/store/port", s.Port.ToString());
            Do(store, XsType.Write, home + "/store/ring-ref", s.Pfn.ToString());
        }
        if (consoleRing is { } c)
        {
            Do(store, XsType.Write, home + "/console/port", c.Port.ToString());
            Do(store, XsType.Write, home + "/console/ring-ref", c.Pfn.ToString());
            Do(store, XsType.Write, home + "/console/type", "xenconsoled");
        }
        foreach (var sub in OwnSubtrees)
        {
            Do(store, XsType.Mkdir, $"{home}/{sub}");
            Do(store, XsType.SetPerms, $"{home}/{sub}", $"n{domid}");
        }
    }

    /// <summary>One request on dom0's own connection; the toolstack's writes cannot be refused.</summary>
    static void Do(XenStoreServer store, XsType type, params string[] args)
    {
        byte[] payload = type == XsType.Write
            ? [.. System.Text.Encoding.UTF8.GetBytes(args[0] + "\0"), .. System.Text.Encoding.UTF8.GetBytes(args[1])]
            : XsMessage.Join(args);
        var reply = store.Handle(0, new XsMessage(type, 0, 0, payload));
        if (reply.Type == XsType.Error) throw new InvalidOperationException($"xenstore {type} {args[0]}: {reply.Strings()[0]}");
    }
}
