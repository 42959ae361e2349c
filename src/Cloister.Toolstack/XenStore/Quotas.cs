namespace Cloister.Toolstack.XenStore;

/// <summary>
/// Limits on what one unprivileged domain may use (tools/xenstored/core.c defaults): nodes it
/// owns, the size of one node, watches, open transactions, entries in a permission list.
/// Exceeding any of them is ENOSPC, as in xenstored since Xen 4.17.
/// <para>Two more bound the ring: while <see cref="OutstandingRequests"/> replies wait for the guest
/// to read them, its further requests stay in its ring (xenstored's quota_req_outstanding, 20);
/// beyond <see cref="EventsQueued"/> waiting messages, watch events for it are dropped.</para>
/// </summary>
public sealed record Quotas(int EntriesPerDomain = 1000, int MaxNodeSize = 2048, int WatchesPerDomain = 128,
    int TransactionsPerDomain = 10, int PermissionsPerNode = 5, int OutstandingRequests = 20, int EventsQueued = 256)
{
    /// <summary>sizeof(struct node_hdr) in xenstored: u64 generation, u16 num_perms, u16 datalen, u32 childlen.</summary>
    public const int NodeHeaderSize = 16;
    /// <summary>sizeof(struct xs_permissions): u32 id, u32 perms.</summary>
    public const int PermissionSize = 8;

    /// <summary>Xen's calc_node_acc_size: what one node costs against <see cref="MaxNodeSize"/>.</summary>
    public static int NodeSize(XsNode node) =>
        NodeHeaderSize + node.Permissions.Entries.Count * PermissionSize + node.Value.Length + node.Children.Sum(c => c.Length + 1);
}
