/* The victim (domain 1): holds secrets in its own pages, grants one public page read-only to
 * each attacker and two secret pages to a domain that does not exist, frees a secret page,
 * offers the racer a port to storm with events, then waits until every attacker has finished
 * and checks that nothing of its was touched. */
#include "hostile.h"

#define EVTCHNOP_bind_ipi 7
#define EVTCHNOP_status 5
#define FREED_PFN (SECRET_FIRST_PFN + SECRET_PAGES - 1)

static int attackers, timer_port, ipi_port, ipi_seen, timed_out, storm_port, storm_events;
static int done[32];
static int stray_events;

static void on_event(unsigned port)
{
    if (port == (unsigned)timer_port) timed_out = 1;
    else if (port == (unsigned)ipi_port) ipi_seen++;
    else if (port == (unsigned)storm_port) storm_events++;
    else if (port >= 1 && port <= (unsigned)attackers) done[port]++;
    else stray_events++;
}

static void fill_secrets(void)
{
    for (uint32_t p = SECRET_FIRST_PFN; p < SECRET_FIRST_PFN + SECRET_PAGES; p++) {
        volatile uint32_t *w = (volatile uint32_t *)(p << 12);
        w[0] = SECRET0; w[1] = SECRET1;
        for (int i = 2; i < 1024; i++) w[i] = p * 1024 + i;
    }
    volatile uint32_t *pub = (volatile uint32_t *)(PUBLIC_PFN << 12);
    for (int i = 0; i < 1024; i++) pub[i] = PUBLIC ^ i;
}

static int secrets_intact(void)
{
    for (uint32_t p = SECRET_FIRST_PFN; p < FREED_PFN; p++) {
        volatile uint32_t *w = (volatile uint32_t *)(p << 12);
        if (w[0] != SECRET0 || w[1] != SECRET1) return 0;
        for (int i = 2; i < 1024; i++) if (w[i] != p * 1024 + i) return 0;
    }
    return 1;
}

static void grant(volatile struct grant_entry_v1 *gt, int ref, int dom, uint32_t pfn, int flags)
{
    gt[ref].domid = dom;
    gt[ref].frame = pfn;
    __asm__ volatile("" ::: "memory");
    gt[ref].flags = flags;
}

static int port_status(unsigned port, unsigned *remote)
{
    static struct { uint16_t dom; uint16_t pad; uint32_t port, status, vcpu; uint32_t u[2]; } st;
    st.dom = DOMID_SELF; st.port = port;
    int rc = hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_status, (uint32_t)&st, 0, 0);
    *remote = st.u[0] & 0xFFFF;
    return rc < 0 ? rc : (int)st.status;
}

int main(void)
{
    attackers = cmdline_int("attackers", 0);
    events_init(on_event);
    volatile struct grant_entry_v1 *gt = grant_table_init();
    check(gt != 0, "grant table frame 0");
    fill_secrets();
    for (int k = 0; k < attackers; k++)
        grant(gt, PUBLIC_REF_BASE + k, 2 + k, PUBLIC_PFN, GTF_permit_access | GTF_readonly);
    grant(gt, SECRET_REF_RO, NOBODY, SECRET_FIRST_PFN, GTF_permit_access | GTF_readonly);
    grant(gt, SECRET_REF_RW, NOBODY, SECRET_FIRST_PFN + 1, GTF_permit_access);

    /* A secret page given back to the hypervisor: whoever gets its frame next must see zeros. */
    static struct xen_add_to_physmap map;
    map.domid = DOMID_SELF; map.space = 1; map.idx = 1; map.gpfn = FREED_PFN;
    check_eq(hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, (uint32_t)&map, 0, 0), 0,
             "freeing a secret page (add_to_physmap over it)");

    /* The ports the attackers bind to (1..attackers): the signal that we are ready. */
    for (int k = 0; k < attackers; k++)
        check_eq(evtchn_alloc_unbound(2 + k), 1 + k, "the port reserved for an attacker");
    /* One more port for the racer to storm with events while we wait and check. */
    storm_port = evtchn_alloc_unbound(cmdline_int("stormer", 0));
    check_eq(storm_port, attackers + 1, "the storm port");
    static struct { uint32_t vcpu, port; } ipi;
    check_eq(hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_ipi, (uint32_t)&ipi, 0, 0), 0, "bind_ipi");
    ipi_port = ipi.port;
    timer_port = bind_virq(VIRQ_TIMER);

    /* Virtual time: far more than the attackers need; a missing attacker shows as FAILURE. */
    set_timer(system_time() + 20000000000ull);
    for (;;) {
        int all = 1;
        for (int k = 1; k <= attackers; k++) if (!done[k]) all = 0;
        if (all || timed_out) break;
        block();
    }
    for (int k = 1; k <= attackers; k++)
        check(done[k] > 0, "an attacker finished");
    check(secrets_intact(), "secret pages unchanged");
    check(page_is_public(PUBLIC_PFN), "public page unchanged");
    for (int k = 0; k < attackers; k++)
        check_eq(gt[PUBLIC_REF_BASE + k].flags, GTF_permit_access | GTF_readonly, "public grant entry after the attacks");
    check_eq(gt[SECRET_REF_RO].flags, GTF_permit_access | GTF_readonly, "secret read-only grant never mapped");
    check_eq(gt[SECRET_REF_RW].flags, GTF_permit_access, "secret writable grant never mapped");
    check_eq(gt[SECRET_REF_RW].domid, NOBODY, "secret grant entry's domid");
    for (int k = 1; k <= attackers; k++) {
        unsigned remote = 0;
        int status = port_status(k, &remote);
        /* Interdomain while the attacker lives; unbound (remote kept) once it has gone. */
        check(status == 2 || status == 1, "an attacker's port is still interdomain or unbound");
        check_eq(remote, 1 + k, "an attacker's port still leads to that attacker");
    }
    check_eq(stray_events, 0, "events on ports nobody should reach");
    check(storm_events > 0, "the racer's event storm reached us (and we survived it)");
    evtchn_send(ipi_port);
    for (int i = 0; i < 100 && !ipi_seen; i++) yield();
    check(ipi_seen > 0, "our own IPI channel still works");
    return test_result();
}
