#include "runtime.h"

volatile struct shared_info *shared;
static void (*event_handler)(unsigned port);
/* Pseudo-physical frame where shared_info is mapped (within every test guest's memory). */
#define SHARED_INFO_PFN 0xF0

void print(const char *s)
{
    int n = 0;
    while (s[n]) n++;
    hypercall(__HYPERVISOR_console_io, 0, n, (uint32_t)s, 0);
}

void print_dec(const char *label, int value)
{
    char buf[16];
    int i = sizeof buf - 1;
    unsigned v = value < 0 ? -value : value;
    buf[i--] = 0;
    do { buf[i--] = '0' + v % 10; v /= 10; } while (v);
    if (value < 0) buf[i--] = '-';
    print(label);
    print(&buf[i + 1]);
    print("\n");
}

void shutdown(int reason)
{
    static uint32_t r;
    r = reason;
    hypercall(__HYPERVISOR_sched_op, SCHEDOP_shutdown, (uint32_t)&r, 0, 0);
}

void yield(void) { hypercall(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0, 0); }
void block(void) { hypercall(__HYPERVISOR_sched_op, SCHEDOP_block, 0, 0, 0); }

extern void upcall_entry(void);

void events_init(void (*on_event)(unsigned port))
{
    static struct xen_add_to_physmap map;
    static struct callback_register cb;
    map.domid = DOMID_SELF; map.space = 0; map.idx = 0; map.gpfn = SHARED_INFO_PFN;
    hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, (uint32_t)&map, 0, 0);
    shared = (volatile struct shared_info *)(SHARED_INFO_PFN << 12);
    event_handler = on_event;
    cb.type = 0; cb.address = (uint32_t)upcall_entry;
    hypercall(__HYPERVISOR_callback_op, 0, (uint32_t)&cb, 0, 0);
}

/* Where each vCPU's vcpu_info is: in shared_info for vCPU 0 until one is registered. */
static volatile struct vcpu_info *vcpu_infos[4];

int register_vcpu_info(unsigned vcpu, unsigned pfn, unsigned offset)
{
    static struct { uint64_t gfn; uint32_t offset, rsvd; } r;
    r.gfn = pfn; r.offset = offset;
    int rc = hypercall(24, 10, vcpu, (uint32_t)&r, 0);
    if (rc == 0 && vcpu < 4) vcpu_infos[vcpu] = (volatile struct vcpu_info *)((pfn << 12) + offset);
    return rc;
}

struct upcall_frame { uint32_t r[13], sp, lr, pc, cpsr, vcpu; };

/* Called from upcall_entry with upcalls masked: one pass over the two-level bitmaps (one
 * pass, so that a stream of events cannot keep the interrupted code from running). upcall_entry
 * unmasks (the byte returned) as part of its exit sequence. */
volatile uint8_t *upcall_handler(struct upcall_frame *frame)
{
    unsigned id = frame->vcpu < 4 ? frame->vcpu : 0;
    volatile struct vcpu_info *v = vcpu_infos[id] ? vcpu_infos[id] : &shared->vcpu_info[0];
    v->evtchn_upcall_pending = 0;
    uint64_t sel = v->evtchn_pending_sel;
    v->evtchn_pending_sel = 0;
    for (int w = 0; w < 64; w++) {
        if (!(sel & (1ull << w))) continue;
        uint64_t bits = shared->evtchn_pending[w] & ~shared->evtchn_mask[w];
        for (int b = 0; b < 64; b++) {
            if (!(bits & (1ull << b))) continue;
            shared->evtchn_pending[w] &= ~(1ull << b);
            if (event_handler) event_handler(w * 64 + b);
        }
    }
    return &v->evtchn_upcall_mask;
}

int evtchn_alloc_unbound(int remote_dom)
{
    static struct evtchn_alloc_unbound a;
    a.dom = DOMID_SELF; a.remote_dom = remote_dom;
    int rc = hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, (uint32_t)&a, 0, 0);
    return rc < 0 ? rc : (int)a.port;
}

int evtchn_bind_interdomain(int remote_dom, unsigned remote_port)
{
    static struct evtchn_bind_interdomain b;
    b.remote_dom = remote_dom; b.remote_port = remote_port;
    int rc = hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_interdomain, (uint32_t)&b, 0, 0);
    return rc < 0 ? rc : (int)b.local_port;
}

int evtchn_send(unsigned port)
{
    static uint32_t p;
    p = port;
    return hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_send, (uint32_t)&p, 0, 0);
}

int bind_virq(unsigned virq)
{
    static struct evtchn_bind_virq b;
    b.virq = virq; b.vcpu = 0;
    int rc = hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq, (uint32_t)&b, 0, 0);
    return rc < 0 ? rc : (int)b.port;
}

uint64_t system_time(void)
{
    volatile struct vcpu_time_info *t = &shared->vcpu_info[0].time;
    uint32_t version;
    uint64_t now;
    do {
        version = t->version;
        now = t->system_time;
    } while ((version & 1) || version != t->version);
    return now;
}

void set_timer(uint64_t deadline_ns)
{
    hypercall(__HYPERVISOR_set_timer_op, (uint32_t)deadline_ns, (uint32_t)(deadline_ns >> 32), 0, 0);
}

volatile struct grant_entry_v1 *grant_table_init(void)
{
    static struct xen_add_to_physmap map;
    map.domid = DOMID_SELF; map.space = 1; map.idx = 0; map.gpfn = GRANT_TABLE_PFN;
    if (hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, (uint32_t)&map, 0, 0) != 0) return 0;
    return (volatile struct grant_entry_v1 *)(GRANT_TABLE_PFN << 12);
}

int grant_map(int dom, unsigned ref, unsigned pfn, int readonly, unsigned *handle)
{
    static struct gnttab_map_grant_ref op;
    op.host_addr = (uint64_t)pfn << 12;
    op.flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0);
    op.ref = ref; op.dom = dom; op.status = 99; op.handle = 0;
    int rc = hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref, (uint32_t)&op, 1, 0);
    if (handle) *handle = op.handle;
    return rc < 0 ? rc : op.status;
}

int grant_unmap(unsigned pfn, unsigned handle)
{
    static struct gnttab_unmap_grant_ref op;
    op.host_addr = (uint64_t)pfn << 12; op.handle = handle; op.status = 99;
    int rc = hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_unmap_grant_ref, (uint32_t)&op, 1, 0);
    return rc < 0 ? rc : op.status;
}

static void (*fault_handler)(struct trap_frame *);
extern void trap_entry(void);

void trap_handler(struct trap_frame *frame)
{
    if (fault_handler) fault_handler(frame);
}

void traps_init(void (*handler)(struct trap_frame *))
{
    static struct callback_register cb;
    fault_handler = handler;
    cb.type = 0x100; cb.address = (uint32_t)trap_entry;
    hypercall(__HYPERVISOR_callback_op, 0, (uint32_t)&cb, 0, 0);
}

extern const char *boot_cmdline;

int cmdline_int(const char *key, int fallback)
{
    const char *p = boot_cmdline;
    if (!p) return fallback;
    while (*p) {
        while (*p == ' ') p++;
        const char *k = key;
        while (*k && *p == *k) { p++; k++; }
        if (!*k && *p == '=') {
            int sign = 1, v = 0;
            p++;
            if (*p == '-') { sign = -1; p++; }
            while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
            return sign * v;
        }
        while (*p && *p != ' ') p++;
    }
    return fallback;
}

static int failures;

void check(int ok, const char *what)
{
    if (ok) return;
    failures++;
    print("FAILED: ");
    print(what);
    print("\n");
}

void check_eq(int got, int want, const char *what)
{
    if (got == want) return;
    failures++;
    print("FAILED: ");
    print(what);
    print_dec(": got ", got);
    print_dec("        expected ", want);
}

int test_result(void)
{
    print(failures ? "Test result: FAILURE\n" : "Test result: SUCCESS\n");
    return failures ? 3 /* SHUTDOWN_crash */ : 0;
}
