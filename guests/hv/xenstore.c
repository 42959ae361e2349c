/* The domain's xenstore and console connection: hvm_op get_param finds the ring pages and the
 * unbound ports the domain builder made for dom0 (checked with EVTCHNOP_status), and every
 * argument hvm_op refuses. */
#include "runtime.h"

#define __HYPERVISOR_hvm_op 34
#define HVMOP_set_param 0
#define HVMOP_get_param 1
#define HVM_PARAM_STORE_PFN 1
#define HVM_PARAM_STORE_EVTCHN 2
#define HVM_PARAM_CONSOLE_PFN 17
#define HVM_PARAM_CONSOLE_EVTCHN 18
#define EVTCHNOP_status 5
#define EVTCHNSTAT_unbound 1

struct xen_hvm_param { uint16_t domid; uint32_t index; uint64_t value; };
struct evtchn_status { uint16_t dom; uint32_t port, status, vcpu; union { uint16_t unbound_dom; uint32_t pad[2]; } u; };

static int get_param(unsigned domid, unsigned index, uint64_t *value)
{
    static struct xen_hvm_param p;
    p.domid = domid; p.index = index; p.value = 0xDEAD;
    int rc = hypercall(__HYPERVISOR_hvm_op, HVMOP_get_param, (uint32_t)&p, 0, 0);
    *value = p.value;
    return rc;
}

/* The port's other end is dom0: unbound until dom0 binds it (xenstored does at once, the console
 * backend does not yet). */
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
    check_port_for_dom0((unsigned)v, EVTCHNSTAT_unbound, "console port: unbound, remote dom0");
    unsigned self = cmdline_int("self", 0);
    check_eq(get_param(self, HVM_PARAM_STORE_PFN, &v), 0, "get_param with its own domid");

    check_eq(get_param(DOMID_SELF, 3, &v), -22, "get_param of a parameter ARM has not: -EINVAL");
    check_eq(get_param(DOMID_SELF, 0x10000, &v), -22, "get_param of an index out of range: -EINVAL");
    check_eq(get_param(0x7FF4, HVM_PARAM_STORE_PFN, &v), -3, "get_param of DOMID_INVALID: -ESRCH");
    check_eq(get_param(cmdline_int("other", 0), HVM_PARAM_STORE_PFN, &v), -13, "get_param of another domain: -EACCES");
    check_eq(hypercall(__HYPERVISOR_hvm_op, HVMOP_get_param, 0x00400000, 0, 0), -14, "get_param with a pointer not its own: -EFAULT");
    check_eq(hypercall(__HYPERVISOR_hvm_op, 99, 0, 0, 0), -38, "unknown hvm_op: -ENOSYS");
}

int main(void)
{
    hvm_params();
    return test_result();
}
