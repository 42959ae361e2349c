/* sched_op for the whole vCPU: give the CPU away, sleep until an event, end the domain. */
#ifndef DOMAIN_H
#define DOMAIN_H
#include <stdint.h>
/* SCHEDOP_shutdown with reason 0 poweroff, 1 reboot, 2 suspend, 3 crash, 4 watchdog. */
void shutdown(int reason);
/* SCHEDOP_yield: other domains' vCPUs may run; this one stays runnable. */
void yield(void);
/* SCHEDOP_block: clears the upcall mask and sleeps until an event is pending. Threads use
 * the scheduler (sched.h) instead, which blocks only when none of them can run. */
void block(void);
/* SCHEDOP_poll: sleeps, upcall mask untouched, until one of the n ports (at most 128; masked
 * ones too) becomes pending (with n > 1: any port of the domain), an upcall is raised for this
 * vCPU, or system time reaches timeout_ns (0: no timeout). Returns 0 at once if a port is
 * pending already, else 0 on waking, or a negative Xen errno; look at the ports to see why. */
int poll_ports(const uint32_t *ports, unsigned n, uint64_t timeout_ns);
/* SCHEDOP_remote_shutdown: shuts down another domain (FLASK domain:shutdown decides). */
int remote_shutdown(unsigned domid, int reason);
#endif
