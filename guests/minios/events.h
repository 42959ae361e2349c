/* Event delivery: shared_info, the upcall, the two-level pending and mask arrays, a handler
 * per port. Ports are numbered as Xen's 2-level ABI: word = port / 64, bit = port % 64. */
#ifndef EVENTS_H
#define EVENTS_H
#include "xen.h"

extern volatile struct shared_info *shared;

/* Maps shared_info and registers the upcall (once; later calls only change the handler).
 * on_event, if not null, gets every port that has no handler of its own. */
void events_init(void (*on_event)(unsigned port));
/* Handles port's events from now on (0 gives it back to the default handler); ports below 64
 * have handlers of their own, the others always go to the default handler. */
void evtchn_set_handler(unsigned port, void (*handler)(unsigned port, void *arg), void *arg);
/* Per-port masking: a masked port stays pending and is delivered when unmasked. */
void evtchn_mask(unsigned port);
void evtchn_unmask(unsigned port);
int evtchn_is_pending(unsigned port);

/* The upcall mask of this vCPU (vcpu_info byte 1, docs/abi.md). block() clears it. */
void events_mask_upcalls(void);
/* Clears the mask and delivers what became pending while it was set. */
void events_unmask_upcalls(void);
/* Counts deliveries: a waiter that saw it unchanged has missed nothing (sched.h). */
unsigned events_delivered(void);
/* Called after each port's handler, for the scheduler to wake the port's waiters. */
extern void (*events_on_delivery)(unsigned port);

/* VCPUOP_register_vcpu_info: the vCPU's vcpu_info moves to (pfn, offset). */
int register_vcpu_info(unsigned vcpu, unsigned pfn, unsigned offset);
#endif
