using System.Text;
using Cloister.Toolstack.XenStore;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// xenstored's semantics. Expected values come from Xen's docs/misc/xenstore.txt and
/// tools/xenstored (core.c, watch.c, transaction.c): the function each one follows is named.
/// </summary>
public class XenStoreServerTests
{
    readonly List<(int Domain, XsMessage Message)> events = [];
    readonly XenStoreServer store;

    public XenStoreServerTests()
    {
        store = new XenStoreServer(new Quotas(EntriesPerDomain: 20, WatchesPerDomain: 2, TransactionsPerDomain: 1)) { Send = (d, m) => events.Add((d, m)) };
        DomainNodes.Write(store, new(1, "one", 4096, 1), (1023, 4095), (1022, 4094));
        DomainNodes.Write(store, new(2, "two", 4096, 1), null, null);
    }

    XsMessage Ask(int domain, XsType type, uint tx, params string[] args) =>
        store.Handle(domain, new XsMessage(type, 7, tx, type == XsType.Write
            ? [.. Encoding.UTF8.GetBytes(args[0] + "\0"), .. Encoding.UTF8.GetBytes(args[1])] : XsMessage.Join(args)));

    static string Text(XsMessage m) => Encoding.UTF8.GetString(m.Payload);

    [Fact]
    public void A_domain_reads_its_name_by_relative_path_and_the_reply_echoes_the_request()
    {
        var reply = Ask(1, XsType.Read, 0, "name");
        Assert.Equal((XsType.Read, 7u, "one"), (reply.Type, reply.RequestId, Text(reply)));
        // GET_DOMAIN_PATH answers "/local/domain/<domid>" (xenstore.txt).
        Assert.Equal("/local/domain/2\0", Text(Ask(1, XsType.GetDomainPath, 0, "2")));
    }

    [Fact]
    public void Writes_need_write_permission_and_refusals_are_error_replies_with_errno_names()
    {
        // libxl makes /local/domain/N readable by N but owned by dom0; data/ is N's own.
        Assert.Equal("OK\0", Text(Ask(1, XsType.Write, 0, "data/x", "v")));
        var denied = Ask(1, XsType.Write, 0, "name", "evil");
        Assert.Equal((XsType.Error, "EACCES\0"), (denied.Type, Text(denied)));
        // Another domain's node: EACCES, and so is a missing node under it (errno_from_parents).
        Assert.Equal("EACCES\0", Text(Ask(1, XsType.Read, 0, "/local/domain/2/data")));
        Assert.Equal("EACCES\0", Text(Ask(1, XsType.Read, 0, "/local/domain/2/data/nothing")));
        Assert.Equal("ENOENT\0", Text(Ask(1, XsType.Read, 0, "data/nothing")));
        Assert.Equal("EINVAL\0", Text(Ask(1, XsType.Read, 0, "bad//path")));
    }

    [Fact]
    public void New_nodes_belong_to_the_unprivileged_domain_that_creates_them_with_the_parents_other_rights()
    {
        Ask(1, XsType.Write, 0, "data/a/b", "v");   // construct_node makes data/a too
        Assert.Equal("n1\0", Text(Ask(1, XsType.GetPerms, 0, "data/a")));
        Assert.Equal("b\0", Text(Ask(1, XsType.Directory, 0, "data/a")));
        // Only the owner may set permissions, and it may not give the node away (do_set_perms: EPERM).
        Assert.Equal("OK\0", Text(Ask(1, XsType.SetPerms, 0, "data/a", "n1", "r2")));
        Assert.Equal("", Text(Ask(2, XsType.Read, 0, "/local/domain/1/data/a")));
        Assert.Equal("EPERM\0", Text(Ask(1, XsType.SetPerms, 0, "data/a", "n2")));
        // RM of a node whose parent exists is fine even when it is missing (do_rm).
        Assert.Equal("OK\0", Text(Ask(1, XsType.Rm, 0, "data/a")));
        Assert.Equal("OK\0", Text(Ask(1, XsType.Rm, 0, "data/a")));
        Assert.Equal("ENOENT\0", Text(Ask(1, XsType.Rm, 0, "data/a/b")));
    }

    [Fact]
    public void A_watch_fires_at_once_then_for_changes_below_it_with_the_path_as_registered()
    {
        Assert.Equal("OK\0", Text(Ask(1, XsType.Watch, 0, "data", "tok")));
        Assert.Equal((1, XsType.WatchEvent, "data\0tok\0"), (events[0].Domain, events[0].Message.Type, Text(events[0].Message)));
        Ask(1, XsType.Write, 0, "data/k", "1");
        Assert.Equal("data/k\0tok\0", Text(events[1].Message));
        // Removing a parent fires watches on the nodes below it (rm fires MATCH_SUBTREE upwards too).
        Ask(1, XsType.Watch, 0, "/local/domain/1/data/k", "t2");
        events.Clear();
        Ask(0, XsType.Rm, 0, "/local/domain/1/data");
        Assert.Contains(events, e => Text(e.Message) == "/local/domain/1/data/k\0t2\0");
        Assert.Contains(events, e => Text(e.Message) == "data\0tok\0");
        // A domain is not told about nodes it cannot read.
        events.Clear();
        Ask(2, XsType.Watch, 0, "/local/domain/1", "spy");
        events.Clear();
        Ask(1, XsType.Mkdir, 0, "data");
        Assert.DoesNotContain(events, e => e.Domain == 2);
        Assert.Equal("ENOENT\0", Text(Ask(1, XsType.Unwatch, 0, "data", "other")));
    }

    [Fact]
    public void A_transaction_commits_alone_and_fails_with_EAGAIN_when_what_it_read_changed()
    {
        uint tx = uint.Parse(Text(Ask(1, XsType.TransactionStart, 0)).TrimEnd('\0'));
        Ask(1, XsType.Write, tx, "data/t", "inside");
        Assert.Equal("ENOENT\0", Text(Ask(1, XsType.Read, 0, "data/t"))); // not visible before the end
        Assert.Equal("OK\0", Text(Ask(1, XsType.TransactionEnd, tx, "T")));
        Assert.Equal("inside", Text(Ask(1, XsType.Read, 0, "data/t")));

        tx = uint.Parse(Text(Ask(1, XsType.TransactionStart, 0)).TrimEnd('\0'));
        Ask(1, XsType.Read, tx, "data/t");
        Ask(1, XsType.Write, 0, "data/t", "outside");
        Ask(1, XsType.Write, tx, "data/u", "lost");
        Assert.Equal("EAGAIN\0", Text(Ask(1, XsType.TransactionEnd, tx, "T")));
        Assert.Equal("ENOENT\0", Text(Ask(1, XsType.Read, 0, "data/u")));
        // An ended transaction is gone.
        Assert.Equal("ENOENT\0", Text(Ask(1, XsType.TransactionEnd, tx, "T")));
    }

    [Fact]
    public void A_transaction_that_removes_a_node_conflicts_with_a_sibling_created_meanwhile()
    {
        // The parent's list of children is part of the node (core.c keeps it in the node record),
        // so both changes touch it and the later commit must fail rather than lose the sibling.
        Ask(1, XsType.Write, 0, "data/a", "1");
        uint tx = uint.Parse(Text(Ask(1, XsType.TransactionStart, 0)).TrimEnd('\0'));
        Assert.Equal("OK\0", Text(Ask(1, XsType.Rm, tx, "data/a")));
        Ask(1, XsType.Write, 0, "data/b", "2");
        Assert.Equal("EAGAIN\0", Text(Ask(1, XsType.TransactionEnd, tx, "T")));
        Assert.Equal("a\0b\0", Text(Ask(1, XsType.Directory, 0, "data")));
    }

    [Fact]
    public void One_argument_requests_need_exactly_one_NUL_terminated_string_and_transactions_do_not_nest()
    {
        // onearg() in core.c: the payload's first NUL must be its last byte.
        XsMessage Raw(string payload, uint tx = 0) => store.Handle(1, new XsMessage(XsType.Read, 1, tx, Encoding.UTF8.GetBytes(payload)));
        Assert.Equal("EINVAL\0", Text(Raw("name")));
        Assert.Equal("EINVAL\0", Text(Raw("name\0extra\0")));
        Assert.Equal("one", Text(Raw("name\0")));
        // do_transaction_start: "We don't support nested transactions" (EBUSY); an unknown tx_id is ENOENT.
        uint tx = uint.Parse(Text(Ask(1, XsType.TransactionStart, 0)).TrimEnd('\0'));
        Assert.Equal("EBUSY\0", Text(Ask(1, XsType.TransactionStart, tx)));
        Assert.Equal("ENOENT\0", Text(Ask(1, XsType.TransactionStart, tx + 1)));
        Assert.Equal("ENOENT\0", Text(Raw("name\0", tx + 1)));
    }

    [Fact]
    public void Quotas_refuse_with_ENOSPC()
    {
        // Transactions per domain (transaction.c), here 1.
        Ask(1, XsType.TransactionStart, 0);
        Assert.Equal("ENOSPC\0", Text(Ask(1, XsType.TransactionStart, 0)));
        // Watches per domain (watch.c), here 2.
        Ask(1, XsType.Watch, 0, "data", "a");
        Ask(1, XsType.Watch, 0, "data", "b");
        Assert.Equal("ENOSPC\0", Text(Ask(1, XsType.Watch, 0, "data", "c")));
        // Node size (write_node_raw): header 16 + one permission 8 + the value must stay within 2048.
        Assert.Equal("OK\0", Text(Ask(1, XsType.Write, 0, "data/big", new string('x', 2048 - 24))));
        Assert.Equal("ENOSPC\0", Text(Ask(1, XsType.Write, 0, "data/big2", new string('x', 2048 - 23))));
        // Entries per domain (construct_node): domain 1 owns its 7 subtrees and data/big; here 20 in all.
        string last = "";
        for (int i = 0; i < 20; i++) last = Text(Ask(1, XsType.Write, 0, $"data/n{i}", "v"));
        Assert.Equal("ENOSPC\0", last);
        Assert.Equal(20, store.Tree.CountOwnedBy(1));
        // dom0 has no quota.
        Assert.Equal("OK\0", Text(Ask(0, XsType.Write, 0, "/tool/x", new string('x', 4000))));
    }

    [Fact]
    public void Only_dom0_introduces_and_releases_domains()
    {
        Assert.Equal("EACCES\0", Text(Ask(1, XsType.Introduce, 0, "3", "0", "1")));
        Ask(1, XsType.Watch, 0, "@releaseDomain", "r");
        events.Clear();
        Assert.Equal("OK\0", Text(Ask(0, XsType.Release, 0, "2")));
        Assert.Equal("@releaseDomain\0r\0", Text(Assert.Single(events).Message));
    }
}
