namespace Cloister.Toolstack.XenStore;

/// <summary>One node: its value, permissions, children (in creation order) and a generation
/// number that changes whenever the node does (transactions compare it).</summary>
public sealed class XsNode
{
    public byte[] Value { get; set; } = [];
    public required NodePermissions Permissions { get; set; }
    public List<string> Children { get; init; } = [];
    public long Generation { get; set; }

    public XsNode Clone() => new() { Value = Value, Permissions = Permissions, Children = [.. Children], Generation = Generation };
}

/// <summary>
/// The store's tree with Xen's rules for access (tools/xenstored/core.c): a node needs read or
/// write permission for the connection; a missing node answers ENOENT only when the nearest
/// existing ancestor would allow the access, EACCES otherwise; new nodes inherit their parent's
/// permissions and are owned by the unprivileged domain that creates them.
/// </summary>
public sealed class XsTree
{
    readonly Dictionary<string, XsNode> nodes = new(StringComparer.Ordinal);
    long generation;

    /// <summary>Called with each path before the tree reads or changes it (transactions record them).</summary>
    public Action<string, XsNode?>? Touched { get; set; }
    /// <summary>Called with each path the tree creates, changes or removes.</summary>
    public Action<string>? Changed { get; set; }

    public XsTree() => nodes["/"] = new XsNode { Permissions = NodePermissions.OwnedBy(0) };

    public XsTree Clone()
    {
        var copy = new XsTree { generation = generation };
        copy.nodes.Clear();
        foreach (var (path, node) in nodes) copy.nodes[path] = node.Clone();
        return copy;
    }

    public IEnumerable<KeyValuePair<string, XsNode>> All => nodes;
    public long Generation => generation;

    public XsNode? Peek(string path) => nodes.GetValueOrDefault(path);

    XsNode? Get(string path)
    {
        var n = nodes.GetValueOrDefault(path);
        Touched?.Invoke(path, n);
        return n;
    }

    public static string Parent(string path) => path.LastIndexOf('/') is var i && i > 0 ? path[..i] : "/";
    static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>The node at <paramref name="path"/> if <paramref name="domain"/> may read (or write) it;
    /// otherwise Xen's error: EACCES, or ENOENT when the parents would have allowed it.</summary>
    public XsNode Access(string path, int domain, bool write)
    {
        var node = Get(path);
        if (node is not null && node.Permissions.Allows(domain, write)) return node;
        if (node is not null) throw new XsException(XsError.EACCES);
        string p = path;
        XsNode? ancestor;
        do { p = Parent(p); ancestor = Get(p); } while (ancestor is null && p != "/");
        throw new XsException(ancestor is not null && ancestor.Permissions.Allows(domain, write) ? XsError.ENOENT : XsError.EACCES);
    }

    /// <summary>Creates <paramref name="path"/> and its missing ancestors; returns how many nodes it made.</summary>
    public List<string> Create(string path, int domain, byte[] value)
    {
        var missing = new List<string>();
        string p = path;
        while (Get(p) is null) { missing.Add(p); p = Parent(p); }
        var parent = nodes[p];
        for (int i = missing.Count - 1; i >= 0; i--)
        {
            string name = missing[i];
            var perms = domain == 0 ? parent.Permissions : parent.Permissions.WithOwner(domain);
            var node = new XsNode { Permissions = perms, Value = i == 0 ? value : [] };
            Put(name, node);
            parent.Children.Add(Name(name));
            Bump(Parent(name), parent);
            parent = node;
        }
        return missing;
    }

    public void SetValue(string path, XsNode node, byte[] value)
    {
        node.Value = value;
        Bump(path, node);
    }

    public void SetPermissions(string path, XsNode node, NodePermissions perms)
    {
        node.Permissions = perms;
        Bump(path, node);
    }

    /// <summary>Removes the node and everything below it; returns the removed paths.</summary>
    public List<string> Remove(string path)
    {
        var removed = new List<string>();
        Collect(path, removed);
        foreach (var p in removed) { Touched?.Invoke(p, nodes[p]); nodes.Remove(p); Changed?.Invoke(p); }
        string parentPath = Parent(path);
        var parent = Get(parentPath)!; // through Get: a transaction must notice others changing it
        parent.Children.Remove(Name(path));
        Bump(parentPath, parent);
        return removed;
    }

    void Collect(string path, List<string> into)
    {
        into.Add(path);
        foreach (var c in nodes[path].Children) Collect(path == "/" ? "/" + c : path + "/" + c, into);
    }

    void Put(string path, XsNode node)
    {
        nodes[path] = node;
        Bump(path, node);
    }

    void Bump(string path, XsNode node)
    {
        node.Generation = ++generation;
        Changed?.Invoke(path);
    }

    /// <summary>Copies <paramref name="path"/>'s state from <paramref name="other"/> (a committed
    /// transaction's tree) into this one: the node, or its absence.</summary>
    public void Adopt(XsTree other, string path)
    {
        if (other.nodes.TryGetValue(path, out var n)) { var c = n.Clone(); nodes[path] = c; c.Generation = ++generation; }
        else nodes.Remove(path);
    }

    /// <summary>Nodes whose owner is <paramref name="domain"/> (the entries quota).</summary>
    public int CountOwnedBy(int domain) => nodes.Values.Count(n => n.Permissions.Owner == domain);
}
