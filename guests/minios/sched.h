/* Cooperative threads on vCPU 0: a thread runs until it yields, sleeps or waits. Upcalls
 * interrupt any thread but only wake others (handlers must not switch). When no thread can
 * run, the scheduler arms the timer for the earliest sleeper and blocks the vCPU. main() is
 * thread 0; it may create others and wait for them like any thread. */
#ifndef SCHED_H
#define SCHED_H
#include <stdint.h>
#include "events.h"

#define MAX_THREADS 8
/* A new runnable thread with an 8 KiB stack (from pages_alloc, or an ended thread's); its
 * id, or -1. */
int thread_create(const char *name, void (*fn)(void *), void *arg);
/* Ends the calling thread (returning from fn does the same). */
void thread_exit(void);
/* Lets every other runnable thread run once. */
void thread_yield(void);
/* Sleeps until system time reaches deadline_ns (binds VIRQ_TIMER on first use). */
void thread_sleep_until(uint64_t deadline_ns);
/* Sleeps until an event arrives on port, unless one has been delivered on any port since
 * events_delivered() returned `since` (then it returns at once: look again). */
void thread_wait_event(unsigned port, unsigned since);
/* Wakes the threads waiting on port as an event would: for a thread that changed what they
 * wait for (a lock it let go) without the other domain saying anything. */
void thread_wake_waiters(unsigned port);
/* Sleeps until thread id has ended. */
void thread_join(int id);
/* Whether thread id has ended. */
int thread_done(int id);
int thread_current(void);

/* Waits until cond holds, sleeping on port between looks; no event can slip in between. */
#define wait_event_until(port, cond)                                  \
    do {                                                              \
        for (;;) {                                                    \
            unsigned seen_ = events_delivered();                      \
            if (cond) break;                                          \
            thread_wait_event((port), seen_);                         \
        }                                                             \
    } while (0)
#endif
