namespace Cloister.Toolstack.XenStore;

/// <summary>
/// Limits on what one unprivileged domain may use (tools/xenstored/core.c defaults): nodes it
/// owns, the size of one node, watches, open transactions, entries in a permission list.
/// Exceeding any of them is ENOSPC, as in xenstored since Xen 4.17.
/// </summary>
public sealed record Quotas(int EntriesPerDomain = 1000, int MaxNodeSize = 2048, int WatchesPerDomain = 128,
    int TransactionsPerDomain = 10, int PermissionsPerNode = 5)
{
    /// <summary>sizeof(struct node_hdr) in xenstored: u64 generation, u16 num_perms, u16 datalen, u32 childlen.</summary>
    public const int NodeHeaderSize = 16;
    /// <summary>sizeof(struct xs_permissions): u32 id, u32 perms.</summary>
    public const int PermissionSize = 8;

    /// <summary>Xen's calc_node_acc_size: what one node costs against <see cref="MaxNodeSize"/>.</summary>
    public static int NodeSize(XsNode node) =>
        NodeHeaderSize + node.Permissions.Entries.Count * PermissionSize + node.Value.Length + node.Children.Sum(c => c.Length + 1);
}
