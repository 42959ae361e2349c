namespace Cloister.Toolstack.XenStore;

/// <summary>
/// A transaction: the domain works on its own copy of the tree. Every node it looks at is noted
/// with the generation it had; the end commits only when none of them changed in the store in the
/// meantime, else EAGAIN and the caller retries (docs/misc/xenstore.txt, TRANSACTION_END).
/// </summary>
public sealed class XsTransaction
{
    readonly Dictionary<string, long> seen = new(StringComparer.Ordinal);
    readonly HashSet<string> changed = new(StringComparer.Ordinal);

    public XsTransaction(uint id, int domain, XsTree store)
    {
        Id = id;
        Domain = domain;
        Tree = store.Clone();
        Tree.Touched = (path, node) => seen.TryAdd(path, node?.Generation ?? -1);
        Tree.Changed = path => changed.Add(path);
    }

    public uint Id { get; }
    public int Domain { get; }
    public XsTree Tree { get; }
    /// <summary>Watch events to fire when the transaction commits: path and whether the subtree went.</summary>
    public List<string> Events { get; } = [];

    /// <summary>True when nothing this transaction saw has changed in <paramref name="store"/> since.</summary>
    public bool StillValid(XsTree store) =>
        seen.All(s => (store.Peek(s.Key)?.Generation ?? -1) == s.Value);

    /// <summary>Copies the nodes the transaction changed into the store.</summary>
    public void Apply(XsTree store)
    {
        foreach (var path in changed.OrderBy(p => p.Length)) store.Adopt(Tree, path);
    }
}
