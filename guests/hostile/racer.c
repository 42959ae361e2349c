/* Attacker with several vCPUs (vcpus= in its configuration) racing each other: vCPU 0 maps
 * and unmaps the victim's public page read-only over and over while vCPU 1 stores into
 * that address, vCPU 2 grant-copies into it and unmaps forged handles, and vCPU 3 opens,
 * signals and closes event channels (IPIs of its own) that vCPU 2 also sends on and closes,
 * while vCPU 2 also storms the victim with events. With the TLBs of
 * every physical CPU in play, no store or copy may ever reach the victim's page. */
#include "grants.h"

#define RACE_PFN 0x170
#define SOURCE_PFN 0x171
#define ROUNDS 50
#define EVTCHNOP_close 3
#define EVTCHNOP_bind_ipi 7

static volatile int finished[4], mapped_rounds, stores_faulted, copies_refused, iterations[4];
static volatile int running;
static uint32_t my_ref;
static int victim_port;
static uint8_t stacks[4][4096] __attribute__((aligned(8)));

static int port_op(int op, uint32_t port)
{
    uint32_t p = port;     /* on this vCPU's stack: vCPUs race, their arguments must not */
    return hypercall(__HYPERVISOR_event_channel_op, op, (uint32_t)&p, 0, 0);
}

static void mapper(void)
{
    for (int i = 0; i < ROUNDS; i++) {
        struct gnttab_map_grant_ref op = { .host_addr = RACE_PFN << 12, .ref = my_ref, .dom = VICTIM,
                                           .flags = GNTMAP_host_map | GNTMAP_readonly };
        hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref, (uint32_t)&op, 1, 0);
        if (op.status == 0) mapped_rounds++;
        /* Hold the mapping until every other vCPU has had a go at it. */
        int s1 = iterations[1], s2 = iterations[2], s3 = iterations[3];
        for (int k = 0; k < 100000 && (iterations[1] == s1 || iterations[2] == s2 || iterations[3] == s3); k++) yield();
        struct gnttab_unmap_grant_ref un = { .host_addr = RACE_PFN << 12, .handle = op.handle };
        hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_unmap_grant_ref, (uint32_t)&un, 1, 0);
    }
}

static void storer(void)
{
    while (!finished[0]) { stores_faulted += probe_write((RACE_PFN << 12) + 20, 0xBAD0BAD0) == 4; iterations[1]++; }
}

static void copier(void)
{
    while (!finished[0]) {
        struct gnttab_copy c = { .source = { .u.gmfn = SOURCE_PFN, .domid = DOMID_SELF },
                                 .dest = { .u.gmfn = RACE_PFN, .domid = DOMID_SELF, .offset = 64 }, .len = 64 };
        hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_copy, (uint32_t)&c, 1, 0);
        copies_refused += c.status != 0;
        iterations[2]++;
        for (uint32_t h = 0; h < 4; h++) {
            struct gnttab_unmap_grant_ref un = { .host_addr = RACE_PFN << 12, .handle = h };
            hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_unmap_grant_ref, (uint32_t)&un, 1, 0);
        }
        for (uint32_t p = 2; p < 12; p++) { port_op(EVTCHNOP_send, p); if (p & 1) port_op(EVTCHNOP_close, p); }
        /* An event storm at the victim (and IPIs at our vCPU 0 from vCPU 3): a handler that
         * nested a frame per event would run off its stack (docs/abi.md, "The exit window"). */
        if (victim_port > 0) port_op(EVTCHNOP_send, victim_port);
    }
}

static void channels(void)
{
    while (!finished[0]) {
        /* Loopback binds are denied by the policy (and audited), so: ports toward the victim
         * and IPIs of our own, opened, signalled and closed while vCPU 2 sends on and closes
         * the same numbers. */
        struct evtchn_alloc_unbound a = { .dom = DOMID_SELF, .remote_dom = VICTIM };
        iterations[3]++;
        if (hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, (uint32_t)&a, 0, 0) == 0) {
            port_op(EVTCHNOP_send, a.port);
            port_op(EVTCHNOP_close, a.port);
            port_op(EVTCHNOP_send, a.port);
        }
        struct { uint32_t vcpu, port; } ipi = { 3, 0 };
        if (hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_ipi, (uint32_t)&ipi, 0, 0) == 0) {
            port_op(EVTCHNOP_send, ipi.port);
            port_op(EVTCHNOP_close, ipi.port);
        }
    }
}

static void (*const jobs[4])(void) = { mapper, storer, copier, channels };

void secondary(unsigned id)
{
    while (!running) yield();
    jobs[id]();
    finished[id] = 1;
    for (;;) hypercall(__HYPERVISOR_vcpu_op, 2, id, 0, 0);   /* down */
}

extern void secondary_entry(void);
__asm__(".global secondary_entry\nsecondary_entry:\n bl secondary\n b .\n");

int main(void)
{
    int vcpus = cmdline_int("vcpus", 4);
    my_ref = PUBLIC_REF_BASE + cmdline_int("self", 0) - 2;
    probes_init();
    events_init(0);
    int port = attacker_join();
    for (int tries = 0; victim_port <= 0 && tries < 1000; tries++)
        victim_port = evtchn_bind_interdomain(VICTIM, cmdline_int("storm", 0));
    check(victim_port > 0, "bind the victim's storm port");
    grant_table_init();
    volatile uint32_t *src = (volatile uint32_t *)(SOURCE_PFN << 12);
    for (int i = 0; i < 1024; i++) src[i] = 0xBAD1BAD1;
    for (int v = 1; v < vcpus; v++) {
        static struct { uint32_t pc, sp, r0; } ctx;
        ctx.pc = (uint32_t)secondary_entry; ctx.sp = (uint32_t)stacks[v] + sizeof stacks[v]; ctx.r0 = v;
        check_eq(hypercall(__HYPERVISOR_vcpu_op, 0, v, (uint32_t)&ctx, 0), 0, "initialise a vCPU");
        check_eq(hypercall(__HYPERVISOR_vcpu_op, 1, v, 0, 0), 0, "bring it up");
    }
    running = 1;
    mapper();
    finished[0] = 1;
    for (int v = 1; v < vcpus; v++)
        while (!finished[v]) yield();
    survived("rounds mapped while racing", mapped_rounds);
    survived("stores that faulted", stores_faulted);
    survived("copies refused", copies_refused);
    for (int v = 1; v < vcpus; v++) check(iterations[v] > 0, "every racing vCPU ran");
    check(mapped_rounds > 0, "the mapper mapped the page at least once");
    check(!page_is_public(RACE_PFN), "the race page is ours again after the last unmap");
    return attacker_finish(port);
}
