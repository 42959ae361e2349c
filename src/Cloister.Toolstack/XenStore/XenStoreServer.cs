using System.Text;

namespace Cloister.Toolstack.XenStore;

/// <summary>
/// The store's operations (docs/misc/xenstore.txt): each request from a domain gives one reply —
/// its answer or ERROR with Xen's errno name — and may fire watch events to any domain, which go
/// out through <see cref="Send"/>. Domain 0 is privileged (the toolstack's own connection).
/// </summary>
public sealed class XenStoreServer(Quotas quotas)
{
    /// <summary>XENSTORE_ABS_PATH_MAX and XENSTORE_REL_PATH_MAX (xs_wire.h).</summary>
    const int AbsPathMax = 3072, RelPathMax = 2048;

    readonly XsTree tree = new();
    readonly XsWatches watches = new();
    readonly Dictionary<uint, XsTransaction> transactions = [];
    uint nextTransaction = 1;

    public XenStoreServer() : this(new Quotas()) { }

    /// <summary>Delivers a message (a watch event) to a domain's connection.</summary>
    public Action<int, XsMessage>? Send { get; set; }

    public XsTree Tree => tree;

    public static string DomainPath(int domain) => $"/local/domain/{domain}";

    public XsMessage Handle(int domain, XsMessage request)
    {
        try
        {
            return new XsMessage(request.Type, request.RequestId, request.TransactionId, Dispatch(domain, request));
        }
        catch (XsException e)
        {
            return new XsMessage(XsType.Error, request.RequestId, request.TransactionId, XsMessage.Join([e.Error]));
        }
    }

    static readonly byte[] Ok = XsMessage.Join(["OK"]);

    byte[] Dispatch(int domain, XsMessage m)
    {
        var args = m.Strings();
        string Arg(int i) => i < args.Length ? args[i] : throw new XsException(XsError.EINVAL);
        // Xen's onearg: these take exactly one string, NUL-terminated.
        if (m.Type is XsType.Read or XsType.Directory or XsType.GetPerms or XsType.Mkdir or XsType.Rm
            or XsType.GetDomainPath or XsType.Release
            && (m.Payload.Length == 0 || Array.IndexOf(m.Payload, (byte)0) != m.Payload.Length - 1))
            throw new XsException(XsError.EINVAL);
        switch (m.Type)
        {
            case XsType.Read:
                return Node(domain, m, Arg(0), write: false).Value;
            case XsType.Directory:
                return XsMessage.Join(Node(domain, m, Arg(0), write: false).Children);
            case XsType.GetPerms:
                return XsMessage.Join(Node(domain, m, Arg(0), write: false).Permissions.ToStrings());
            case XsType.Write:
            {
                int nul = Array.IndexOf(m.Payload, (byte)0);
                if (nul < 0) throw new XsException(XsError.EINVAL);
                Write(domain, m, Encoding.UTF8.GetString(m.Payload, 0, nul), m.Payload[(nul + 1)..], mkdir: false);
                return Ok;
            }
            case XsType.Mkdir:
                Write(domain, m, Arg(0), [], mkdir: true);
                return Ok;
            case XsType.Rm:
                Remove(domain, m, Arg(0));
                return Ok;
            case XsType.SetPerms:
                SetPerms(domain, m, Arg(0), args.Skip(1).ToList());
                return Ok;
            case XsType.Watch:
                AddWatch(domain, Arg(0), Arg(1));
                return Ok;
            case XsType.Unwatch:
                if (!watches.Remove(domain, Arg(0), Arg(1))) throw new XsException(XsError.ENOENT);
                return Ok;
            case XsType.TransactionStart:
                // No nested transactions (transaction.c): a known tx_id is EBUSY, an unknown one ENOENT.
                if (m.TransactionId != 0) { TreeFor(domain, m.TransactionId); throw new XsException(XsError.EBUSY); }
                return XsMessage.Join([StartTransaction(domain).ToString()]);
            case XsType.TransactionEnd:
                EndTransaction(domain, m.TransactionId, Arg(0));
                return Ok;
            case XsType.GetDomainPath:
                return XsMessage.Join([DomainPath(ParseDomain(Arg(0)))]);
            case XsType.Introduce:
                Privileged(domain);
                Introduce(ParseDomain(Arg(0)));
                return Ok;
            case XsType.Release:
                Privileged(domain);
                Release(ParseDomain(Arg(0)));
                return Ok;
            default:
                throw new XsException(XsError.EINVAL);
        }
    }

    static void Privileged(int domain)
    {
        if (domain != 0) throw new XsException(XsError.EACCES);
    }

    static int ParseDomain(string s) =>
        int.TryParse(s, System.Globalization.NumberStyles.None, null, out int d) && d < 0x7FF0 ? d : throw new XsException(XsError.EINVAL);

    /// <summary>An absolute path, from a relative one under the domain's home; Xen's character and length rules.</summary>
    static string Canonical(int domain, string path)
    {
        bool relative = !path.StartsWith('/');
        if (path.Length > (relative ? RelPathMax : AbsPathMax)) throw new XsException(XsError.EINVAL);
        string abs = relative ? DomainPath(domain) + "/" + path : path;
        bool ok = abs == "/" || (!abs.EndsWith('/') && !abs.Contains("//")
            && abs.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '@'));
        return ok ? abs : throw new XsException(XsError.EINVAL);
    }

    (XsTree Tree, XsTransaction? Tx) TreeFor(int domain, uint txid)
    {
        if (txid == 0) return (tree, null);
        if (!transactions.TryGetValue(txid, out var tx) || tx.Domain != domain) throw new XsException(XsError.ENOENT);
        return (tx.Tree, tx);
    }

    XsNode Node(int domain, XsMessage m, string path, bool write) =>
        TreeFor(domain, m.TransactionId).Tree.Access(Canonical(domain, path), domain, write);

    void Write(int domain, XsMessage m, string path, byte[] value, bool mkdir)
    {
        var (t, tx) = TreeFor(domain, m.TransactionId);
        string abs = Canonical(domain, path);
        try
        {
            var node = t.Access(abs, domain, write: true);
            if (mkdir) return; // it exists: fine
            CheckSize(domain, new XsNode { Value = value, Permissions = node.Permissions, Children = node.Children });
            t.SetValue(abs, node, value);
        }
        catch (XsException e) when (e.Error == XsError.ENOENT)
        {
            string p = abs;
            int created = 0;
            while (t.Peek(p) is null) { created++; p = XsTree.Parent(p); }
            if (domain != 0 && t.CountOwnedBy(domain) + created > quotas.EntriesPerDomain) throw new XsException(XsError.ENOSPC);
            CheckSize(domain, new XsNode { Value = value, Permissions = t.Peek(p)!.Permissions });
            t.Create(abs, domain, value);
        }
        Fire(tx, abs, subtree: false);
    }

    void CheckSize(int domain, XsNode node)
    {
        if (domain != 0 && Quotas.NodeSize(node) > quotas.MaxNodeSize) throw new XsException(XsError.ENOSPC);
    }

    void Remove(int domain, XsMessage m, string path)
    {
        var (t, tx) = TreeFor(domain, m.TransactionId);
        string abs = Canonical(domain, path);
        try
        {
            t.Access(abs, domain, write: true);
        }
        catch (XsException e) when (e.Error == XsError.ENOENT)
        {
            // Removing what is not there is fine when its parent is (tools/xenstored do_rm).
            if (t.Peek(XsTree.Parent(abs)) is not null) return;
            throw;
        }
        if (abs == "/") throw new XsException(XsError.EINVAL);
        t.Remove(abs);
        Fire(tx, abs, subtree: true);
    }

    void SetPerms(int domain, XsMessage m, string path, List<string> entries)
    {
        var (t, tx) = TreeFor(domain, m.TransactionId);
        var perms = NodePermissions.Parse(entries) ?? throw new XsException(XsError.EINVAL);
        if (domain != 0 && perms.Entries.Count > quotas.PermissionsPerNode) throw new XsException(XsError.ENOSPC);
        string abs = Canonical(domain, path);
        var node = t.Access(abs, domain, write: true);
        // Only the owner (or dom0) may change permissions, and a domain may not give its node away.
        if (domain != 0 && node.Permissions.Owner != domain) throw new XsException(XsError.EACCES);
        if (domain != 0 && perms.Owner != node.Permissions.Owner) throw new XsException(XsError.EPERM);
        t.SetPermissions(abs, node, perms);
        Fire(tx, abs, subtree: false);
    }

    void AddWatch(int domain, string path, string token)
    {
        string abs = path.StartsWith('@') ? path : Canonical(domain, path);
        if (domain != 0 && watches.CountFor(domain) >= quotas.WatchesPerDomain) throw new XsException(XsError.ENOSPC);
        if (!watches.Add(new XsWatches.Watch(domain, abs, path, token))) throw new XsException(XsError.EEXIST);
        // A new watch fires once straight away, so the watcher reads the current state.
        Deliver(domain, path, token);
    }

    uint StartTransaction(int domain)
    {
        if (domain != 0 && transactions.Values.Count(t => t.Domain == domain) >= quotas.TransactionsPerDomain)
            throw new XsException(XsError.ENOSPC);
        uint id = nextTransaction++;
        if (nextTransaction == 0) nextTransaction = 1;
        transactions[id] = new XsTransaction(id, domain, tree);
        return id;
    }

    void EndTransaction(int domain, uint txid, string commit)
    {
        if (commit is not ("T" or "F")) throw new XsException(XsError.EINVAL);
        var (_, tx) = TreeFor(domain, txid);
        if (tx is null) throw new XsException(XsError.ENOENT);
        transactions.Remove(txid);
        if (commit == "F") return;
        if (!tx.StillValid(tree)) throw new XsException(XsError.EAGAIN);
        if (domain != 0 && tx.Tree.CountOwnedBy(domain) > quotas.EntriesPerDomain) throw new XsException(XsError.ENOSPC);
        tx.Apply(tree);
        foreach (var e in tx.Events) FireNow(e.TrimEnd('*'), e.EndsWith('*'));
    }

    /// <summary>Records a change: at once outside a transaction, at commit inside one.</summary>
    void Fire(XsTransaction? tx, string path, bool subtree)
    {
        if (tx is not null) tx.Events.Add(subtree ? path + "*" : path);
        else FireNow(path, subtree);
    }

    void FireNow(string path, bool subtree)
    {
        foreach (var (w, reported) in watches.Matching(path, subtree))
        {
            // A domain hears about a node only if it may read it (or, once gone, its parent).
            var node = tree.Peek(path) ?? tree.Peek(XsTree.Parent(path));
            if (!path.StartsWith('@') && node is not null && !node.Permissions.Allows(w.Domain, write: false)) continue;
            Deliver(w.Domain, reported, w.Token);
        }
    }

    void Deliver(int domain, string path, string token) =>
        Send?.Invoke(domain, new XsMessage(XsType.WatchEvent, 0, 0, XsMessage.Join([path, token])));

    /// <summary>INTRODUCE: the domain is connected; @introduceDomain fires.</summary>
    public void Introduce(int domain) => FireNow("@introduceDomain", subtree: false);

    /// <summary>RELEASE: the domain's watches and transactions go; @releaseDomain fires.</summary>
    public void Release(int domain)
    {
        watches.RemoveAll(domain);
        foreach (var id in transactions.Where(t => t.Value.Domain == domain).Select(t => t.Key).ToList()) transactions.Remove(id);
        FireNow("@releaseDomain", subtree: false);
    }
}
