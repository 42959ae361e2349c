namespace Cloister.Toolstack.XenStore;

/// <summary>
/// A node's permissions (docs/misc/xenstore.txt, "Permissions"): the first entry names the owner
/// and what every domain not listed may do; later entries give one domain its own access.
/// Letters: n none, r read, w write, b both.
/// </summary>
public sealed record NodePermissions(IReadOnlyList<(int Domain, char Access)> Entries)
{
    public int Owner => Entries[0].Domain;

    public static NodePermissions OwnedBy(int domain, char others = 'n') => new([(domain, others)]);

    /// <summary>Parses "r1", "n0", ...; null when an entry is malformed.</summary>
    public static NodePermissions? Parse(IReadOnlyList<string> entries)
    {
        var list = new List<(int, char)>();
        foreach (var e in entries)
        {
            if (e.Length < 2 || "nrwb".IndexOf(e[0]) < 0 || !int.TryParse(e.AsSpan(1), System.Globalization.NumberStyles.None, null, out int id))
                return null;
            list.Add((id, e[0]));
        }
        return list.Count == 0 ? null : new NodePermissions(list);
    }

    public IEnumerable<string> ToStrings() => Entries.Select(e => $"{e.Access}{e.Domain}");

    /// <summary>Xen's perm_for_conn: dom0 and the owner may do everything; a listed domain gets its
    /// entry; anyone else the first entry's access.</summary>
    public bool Allows(int domain, bool write)
    {
        if (domain == 0 || domain == Owner) return true;
        char access = Entries[0].Access;
        for (int i = 1; i < Entries.Count; i++)
            if (Entries[i].Domain == domain) { access = Entries[i].Access; break; }
        return access == 'b' || access == (write ? 'w' : 'r');
    }

    public NodePermissions WithOwner(int domain) => new([(domain, Entries[0].Access), .. Entries.Skip(1)]);
}
