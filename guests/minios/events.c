#include "events.h"

volatile struct shared_info *shared;
void (*events_on_delivery)(unsigned port);
/* Pseudo-physical frame where shared_info is mapped (below every guest's page pool). */
#define SHARED_INFO_PFN 0xF0
#define MAX_HANDLED_PORTS 64

static void (*default_handler)(unsigned port);
static struct { void (*fn)(unsigned port, void *arg); void *arg; } handlers[MAX_HANDLED_PORTS];
static volatile unsigned delivered;
extern void upcall_entry(void);

void events_init(void (*on_event)(unsigned port))
{
    static struct xen_add_to_physmap map;
    static struct callback_register cb;
    if (on_event) default_handler = on_event;
    if (shared) return;
    map.domid = DOMID_SELF; map.space = 0; map.idx = 0; map.gpfn = SHARED_INFO_PFN;
    hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, (uint32_t)&map, 0, 0);
    shared = (volatile struct shared_info *)(SHARED_INFO_PFN << 12);
    cb.type = 0; cb.address = (uint32_t)upcall_entry;
    hypercall(__HYPERVISOR_callback_op, 0, (uint32_t)&cb, 0, 0);
}

void evtchn_set_handler(unsigned port, void (*handler)(unsigned port, void *arg), void *arg)
{
    if (port >= MAX_HANDLED_PORTS) return;
    handlers[port].fn = 0;
    handlers[port].arg = arg;
    handlers[port].fn = handler;
}

/* The arrays are u64 words; 32-bit halves keep each update a single store on arm32. */
static volatile uint32_t *word_of(volatile uint64_t *array, unsigned port)
{
    return (volatile uint32_t *)array + port / 32;
}

void evtchn_mask(unsigned port) { *word_of(shared->evtchn_mask, port) |= 1u << (port % 32); }

int evtchn_is_pending(unsigned port) { return (*word_of(shared->evtchn_pending, port) >> (port % 32)) & 1; }

void evtchn_unmask(unsigned port)
{
    /* EVTCHNOP_unmask clears the bit and raises the upcall if the port is pending, as Xen does. */
    static uint32_t p;
    p = port;
    hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_unmask, (uint32_t)&p, 0, 0);
}

unsigned events_delivered(void) { return delivered; }

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

static volatile struct vcpu_info *vcpu_info_of(unsigned vcpu)
{
    return vcpu < 4 && vcpu_infos[vcpu] ? vcpu_infos[vcpu] : &shared->vcpu_info[0];
}

static void deliver(unsigned port)
{
    delivered++;
    if (port < MAX_HANDLED_PORTS && handlers[port].fn) handlers[port].fn(port, handlers[port].arg);
    else if (default_handler) default_handler(port);
    if (events_on_delivery) events_on_delivery(port);
}

/* With upcalls masked: one pass over the two-level bitmaps (one pass, so that a stream of
 * events cannot keep the interrupted code from running). */
static void drain_once(volatile struct vcpu_info *v)
{
    v->evtchn_upcall_pending = 0;
    uint64_t sel = v->evtchn_pending_sel;
    v->evtchn_pending_sel = 0;
    for (int w = 0; w < 64; w++) {
        if (!(sel & (1ull << w))) continue;
        uint64_t bits = shared->evtchn_pending[w] & ~shared->evtchn_mask[w];
        for (int b = 0; b < 64; b++) {
            if (!(bits & (1ull << b))) continue;
            *word_of(shared->evtchn_pending, w * 64 + b) &= ~(1u << (b % 32));
            deliver(w * 64 + b);
        }
    }
}

/* With upcalls masked, outside an upcall: drain, then unmask; again if more came. */
static void drain(volatile struct vcpu_info *v)
{
    do {
        drain_once(v);
        v->evtchn_upcall_mask = 0;
    } while (v->evtchn_upcall_pending && (v->evtchn_upcall_mask = 1));
}

struct upcall_frame { uint32_t r[13], sp, lr, pc, cpsr, vcpu; };

/* Called from upcall_entry (entry.S); the hypervisor has set the mask. upcall_entry unmasks
 * (the byte returned) as part of its exit sequence. */
volatile uint8_t *upcall_handler(struct upcall_frame *frame)
{
    volatile struct vcpu_info *v = vcpu_info_of(frame->vcpu);
    drain_once(v);
    return &v->evtchn_upcall_mask;
}

/* Threads run on vCPU 0 (sched.h). */
void events_mask_upcalls(void) { vcpu_info_of(0)->evtchn_upcall_mask = 1; }

void events_unmask_upcalls(void)
{
    volatile struct vcpu_info *v = vcpu_info_of(0);
    if (v->evtchn_upcall_pending) drain(v);
    else v->evtchn_upcall_mask = 0;
}
