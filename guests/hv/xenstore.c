/* The domain's xenstore and console connection: hvm_op get_param finds the ring pages and the
 * unbound ports the domain builder made for dom0 (checked with EVTCHNOP_status), and every
 * argument hvm_op refuses; then the store itself through the ring, as a guest uses it. Expected
 * values follow Xen's docs/misc/xenstore.txt and tools/xenstored; the nodes the toolstack writes
 * and their permissions are libxl's (docs/toolstack.md). */
#include "minios.h"
#include "hvm.h"
#include "xenstore.h"
#include "consring.h"
#define EVTCHNOP_status 5

struct evtchn_status { uint16_t dom; uint32_t port, status, vcpu; union { uint16_t unbound_dom; uint32_t pad[2]; } u; };

#define get_param hvm_get_param

/* The port's other end is dom0: unbound until dom0 binds it, which xenstored and the console
 * backend do before the domain first runs. */
#define EVTCHNSTAT_interdomain 2
static void check_port_for_dom0(unsigned port, unsigned status, const char *what)
{
    static struct evtchn_status st;
    st.dom = DOMID_SELF; st.port = port;
    check_eq(hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_status, (uint32_t)&st, 0, 0), 0, what);
    check_eq(st.status, status, what);
    check_eq(st.u.unbound_dom, 0, what);
}

static void hvm_params(void)
{
    unsigned pages = cmdline_int("pages", 0);
    uint64_t v;
    check_eq(get_param(DOMID_SELF, HVM_PARAM_STORE_PFN, &v), 0, "get_param STORE_PFN");
    check_eq((int)v, pages - 1, "xenstore ring: the top page of its memory");
    check_eq(get_param(DOMID_SELF, HVM_PARAM_CONSOLE_PFN, &v), 0, "get_param CONSOLE_PFN");
    check_eq((int)v, pages - 2, "console ring: the page below it");
    check_eq(get_param(DOMID_SELF, HVM_PARAM_STORE_EVTCHN, &v), 0, "get_param STORE_EVTCHN");
    check_port_for_dom0((unsigned)v, EVTCHNSTAT_interdomain, "xenstore port: bound by dom0's xenstored");
    check_eq(get_param(DOMID_SELF, HVM_PARAM_CONSOLE_EVTCHN, &v), 0, "get_param CONSOLE_EVTCHN");
    check_port_for_dom0((unsigned)v, EVTCHNSTAT_interdomain, "console port: bound by dom0's console backend");
    unsigned self = cmdline_int("self", 0);
    check_eq(get_param(self, HVM_PARAM_STORE_PFN, &v), 0, "get_param with its own domid");

    check_eq(get_param(DOMID_SELF, 3, &v), -22, "get_param of a parameter ARM has not: -EINVAL");
    check_eq(get_param(DOMID_SELF, 0x10000, &v), -22, "get_param of an index out of range: -EINVAL");
    check_eq(get_param(0x7FF4, HVM_PARAM_STORE_PFN, &v), -3, "get_param of DOMID_INVALID: -ESRCH");
    check_eq(get_param(cmdline_int("other", 0), HVM_PARAM_STORE_PFN, &v), -13, "get_param of another domain: -EACCES");
    check_eq(hypercall(__HYPERVISOR_hvm_op, HVMOP_get_param, 0x00400000, 0, 0), -14, "get_param with a pointer not its own: -EFAULT");
    check_eq(hypercall(__HYPERVISOR_hvm_op, 99, 0, 0, 0), -38, "unknown hvm_op: -ENOSYS");
}

static int same(const char *a, const char *b) { while (*a && *a == *b) a++, b++; return *a == *b; }

/* A node holds the decimal value of an HVM parameter. */
static void check_node_is_param(const char *node, unsigned param)
{
    char buf[24], want[24];
    uint64_t v;
    check_eq(get_param(DOMID_SELF, param, &v), 0, node);
    int i = sizeof want - 1;
    want[i] = 0;
    do { want[--i] = '0' + (int)(v % 10); v /= 10; } while (v);
    check(xs_read(0, node, buf, sizeof buf) > 0 && same(buf, &want[i]), node);
}

/* Nodes this domain owns so far: the seven subtrees libxl gives it (device, control, data,
 * drivers, feature, attr, error) and those it creates below. */
static int owned = 7;

static void store(void)
{
    static char buf[2100];
    char path[64], token[16];
    check_eq(xs_init(), 0, "xs_init");

    /* Its own nodes, by relative path. */
    check_eq(xs_read(0, "name", buf, sizeof buf), 8, "read name");
    check(same(buf, "xenstore"), "name is the configuration's");
    check_eq(xs_read(0, "/local/domain/11/domid", buf, sizeof buf), 2, "read domid by absolute path");
    check(same(buf, "11"), "domid is 11");
    check_eq(xs_read(0, "data/nothing", buf, sizeof buf), -2, "read of a missing node: ENOENT");
    /* The toolstack publishes the rings as libxl does: store/ and console/ ring-ref and port. */
    check_node_is_param("store/ring-ref", HVM_PARAM_STORE_PFN);
    check_node_is_param("store/port", HVM_PARAM_STORE_EVTCHN);
    check_node_is_param("console/ring-ref", HVM_PARAM_CONSOLE_PFN);
    check_node_is_param("console/port", HVM_PARAM_CONSOLE_EVTCHN);
    check_eq(xs_read(0, "console/type", buf, sizeof buf), 11, "read console/type");
    check(same(buf, "xenconsoled"), "console/type is xenconsoled");
    check_eq(xs_read(0, "memory/target", buf, sizeof buf), 4, "read memory/target");
    check(same(buf, "4096"), "memory/target: 4096 KiB");

    /* Writes: its data/ subtree is its own; its home directory is dom0's. */
    check_eq(xs_write(0, "data/greeting", "hello"), 0, "write data/greeting"); owned++;
    check_eq(xs_read(0, "data/greeting", buf, sizeof buf), 5, "read it back");
    check(same(buf, "hello"), "the value written");
    check_eq(xs_directory(0, "data", buf, sizeof buf), 9, "directory data");
    check(same(buf, "greeting"), "data has the new child");
    check_eq(xs_write(0, "name", "renamed"), -13, "write its name (dom0's node): EACCES");

    /* Another domain's nodes: denied, whether they exist or not. */
    check_eq(xs_read(0, "/local/domain/10/name", buf, sizeof buf), -13, "read another domain's name: EACCES");
    check_eq(xs_write(0, "/local/domain/10/data/x", "evil"), -13, "write another domain's data: EACCES");
    check_eq(xs_read(0, "/local/domain/10/data/none", buf, sizeof buf), -13, "missing node of another domain: EACCES");
    check_eq(xs_write(0, "bad//path", "x"), -22, "a malformed path: EINVAL");

    /* A watch fires at once, then when the node changes; the path is the one registered. */
    check_eq(xs_watch("data/w", "tok"), 0, "watch data/w");
    check_eq(xs_read_watch(path, sizeof path, token, sizeof token), 0, "the watch's first event");
    check(same(path, "data/w") && same(token, "tok"), "first event: data/w tok");
    check_eq(xs_watch_events_waiting(), 0, "no other event yet");
    check_eq(xs_write(0, "data/w", "1"), 0, "write data/w"); owned++;
    check_eq(xs_read_watch(path, sizeof path, token, sizeof token), 0, "the watch fires on the write");
    check(same(path, "data/w") && same(token, "tok"), "write event: data/w tok");
    check_eq(xs_watch("data/w", "tok"), -17, "the same watch twice: EEXIST");
    check_eq(xs_unwatch("data/w", "tok"), 0, "unwatch");
    check_eq(xs_write(0, "data/w", "2"), 0, "write data/w again");
    check_eq(xs_watch_events_waiting(), 0, "no event after unwatch");

    /* A transaction: invisible until it commits; EAGAIN when what it read changed meanwhile. */
    uint32_t tx;
    check_eq(xs_transaction_start(&tx), 0, "transaction start");
    check(tx != 0, "transaction id");
    check_eq(xs_write(tx, "data/t", "in"), 0, "write in the transaction");
    check_eq(xs_read(0, "data/t", buf, sizeof buf), -2, "not visible outside before the end");
    check_eq(xs_transaction_end(tx, 1), 0, "commit"); owned++;
    check_eq(xs_read(0, "data/t", buf, sizeof buf), 2, "visible after the commit");
    check_eq(xs_transaction_start(&tx), 0, "second transaction");
    check_eq(xs_read(tx, "data/t", buf, sizeof buf), 2, "read in the transaction");
    check_eq(xs_write(0, "data/t", "out"), 0, "changed outside meanwhile");
    check_eq(xs_write(tx, "data/u", "lost"), 0, "write in the transaction");
    check_eq(xs_transaction_end(tx, 1), -11, "commit after a conflict: EAGAIN");
    check_eq(xs_read(0, "data/u", buf, sizeof buf), -2, "the failed transaction left nothing");

    /* Quotas (xenstored defaults): a node of 2048 bytes at most — header 16, one permission 8, the
     * value — and 1000 nodes per domain; both ENOSPC. */
    for (int i = 0; i < 2024; i++) buf[i] = 'x';
    buf[2024] = 0;
    check_eq(xs_write(0, "data/big", buf), 0, "a node of exactly 2048 bytes"); owned++;
    buf[2024] = 'x'; buf[2025] = 0;
    check_eq(xs_write(0, "data/big", buf), -28, "one byte more: ENOSPC");
    int made = 0, rc = 0;
    static char name[16] = "data/q";
    while (made < 1100) {
        int n = made, k = 6;
        char digits[8]; int d = 0;
        do { digits[d++] = '0' + n % 10; n /= 10; } while (n);
        while (d) name[k++] = digits[--d];
        name[k] = 0;
        if ((rc = xs_write(0, name, "")) < 0) break;
        made++;
    }
    check_eq(rc, -28, "node quota: ENOSPC");
    check_eq(made + owned, 1000, "the quota is 1000 nodes");
    print_dec("xenstore: nodes written before the quota: ", made);
    check_eq(xs_rm(0, "data/q0"), 0, "rm frees one");
    check_eq(xs_write(0, "data/again", ""), 0, "so one more fits");
}

/* The console ring: dom0's backend prints what is written there as this domain's console. */
static void console_ring(void)
{
    check_eq(cons_init(), 0, "cons_init");
    cons_write("console ring: a line through dom0's console backend\n");
    /* More than the ring holds: the writer waits for the backend to make room. */
    for (int i = 0; i < 60; i++) cons_write("console ring: 0123456789012345678901234567890123456789\n");
    cons_write("console ring: done\n");
}

/* probe=1: run alone under a label a test chose; expect_rings says whether the policy lets dom0
 * serve this domain (then it has both rings and a working store), or not (then none). */
static int probe(void)
{
    uint64_t v;
    static char buf[32];
    int rings = cmdline_int("expect_rings", 1);
    static const unsigned params[] = { HVM_PARAM_STORE_PFN, HVM_PARAM_STORE_EVTCHN, HVM_PARAM_CONSOLE_PFN, HVM_PARAM_CONSOLE_EVTCHN };
    for (int i = 0; i < 4; i++) {
        check_eq(get_param(DOMID_SELF, params[i], &v), 0, "get_param of its own ring parameters");
        check(rings ? v != 0 : v == 0, rings ? "the parameter is set" : "the parameter reads 0: no ring");
    }
    if (!rings) {
        check_eq(xs_init(), -2, "xs_init without a ring: ENOENT");
        check_eq(cons_init(), -2, "cons_init without a ring: ENOENT");
        return test_result();
    }
    check_eq(xs_init(), 0, "xs_init");
    check_eq(xs_read(0, "name", buf, sizeof buf), 5, "read its name");
    check(same(buf, "probe"), "its name is probe");
    /* Through dom0's console backend even a domain the policy keeps off the hypervisor console
     * has a console. */
    check_eq(cons_init(), 0, "cons_init");
    if (same(buf, "probe")) cons_write("probe: store and console rings work\n");
    return test_result();
}

int main(void)
{
    if (cmdline_int("probe", 0)) return probe();
    hvm_params();
    store();
    console_ring();
    return test_result();
}
