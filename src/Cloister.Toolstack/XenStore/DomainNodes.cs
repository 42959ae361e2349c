namespace Cloister.Toolstack.XenStore;

/// <summary>
/// The nodes the toolstack writes for a new domain, with the permissions libxl gives them
/// (tools/libs/light/libxl_create.c, libxl__domain_make): /local/domain/N is dom0's and readable by
/// the domain; name and domid inherit that; the domain's own subtrees (data, device, control, ...)
/// belong to it, readable by nobody else.
/// </summary>
public static class DomainNodes
{
    static readonly string[] OwnSubtrees = ["device", "control", "data", "drivers", "feature", "attr", "error"];

    public static void Write(XenStoreServer store, int domid, string name)
    {
        string home = XenStoreServer.DomainPath(domid);
        Do(store, XsType.Mkdir, home);
        Do(store, XsType.SetPerms, home, "n0", $"r{domid}");
        Do(store, XsType.Write, home + "/name", name);
        Do(store, XsType.Write, home + "/domid", domid.ToString());
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
