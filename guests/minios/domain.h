/* sched_op for the whole vCPU: give the CPU away, sleep until an event, end the domain. */
#ifndef DOMAIN_H
#define DOMAIN_H
/* SCHEDOP_shutdown with reason 0 poweroff, 1 reboot, 2 suspend, 3 crash, 4 watchdog. */
void shutdown(int reason);
/* SCHEDOP_yield: other domains' vCPUs may run; this one stays runnable. */
void yield(void);
/* SCHEDOP_block: clears the upcall mask and sleeps until an event is pending. Threads use
 * the scheduler (sched.h) instead, which blocks only when none of them can run. */
void block(void);
#endif
