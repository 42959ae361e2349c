#include "sched.h"
#include "domain.h"
#include "evtchn.h"
#include "pages.h"
#include "clock.h"

enum state { FREE, RUNNABLE, SLEEPING, WAITING, JOINING, DONE };
struct thread {
    uint32_t sp;        /* saved by thread_switch while not running */
    enum state state;
    uint64_t wake_at;   /* SLEEPING */
    unsigned port;      /* WAITING: the port; JOINING: the thread */
    const char *name;
    unsigned stack;     /* first pfn of its stack; kept for the next thread in this slot */
};
#define STACK_PAGES 2

static struct thread threads[MAX_THREADS] = { [0] = { 0, RUNNABLE, 0, 0, "main", 0 } };
static int current;
static int timer_port = -1;

extern void thread_switch(uint32_t *save_sp, uint32_t next_sp);
extern void thread_start(void);

/* Runs inside the upcall, after the port's handler, and when a thread says so. */
void thread_wake_waiters(unsigned port)
{
    for (int i = 0; i < MAX_THREADS; i++)
        if (threads[i].state == WAITING && threads[i].port == port) threads[i].state = RUNNABLE;
}

static void wake_sleepers(void)
{
    uint64_t now = system_time();
    for (int i = 0; i < MAX_THREADS; i++)
        if (threads[i].state == SLEEPING && threads[i].wake_at <= now) threads[i].state = RUNNABLE;
}

/* Round robin from the thread after the current one; the current one comes last. */
static int pick(void)
{
    wake_sleepers();
    for (int k = 1; k <= MAX_THREADS; k++) {
        int i = (current + k) % MAX_THREADS;
        if (threads[i].state == RUNNABLE) return i;
    }
    return -1;
}

static uint64_t earliest_wake(void)
{
    uint64_t first = 0;
    for (int i = 0; i < MAX_THREADS; i++)
        if (threads[i].state == SLEEPING && (first == 0 || threads[i].wake_at < first)) first = threads[i].wake_at;
    return first;
}

/* Nothing can run: sleep the vCPU until an event. Upcalls are masked while deciding, so an
 * event that arrives after the last look keeps block() from sleeping. */
static void idle(void)
{
    events_mask_upcalls();
    if (pick() >= 0) { events_unmask_upcalls(); return; }
    uint64_t wake = earliest_wake();
    if (wake) set_timer(wake);
    block();
}

static void schedule(void)
{
    events_on_delivery = thread_wake_waiters;
    for (;;) {
        int next = pick();
        if (next < 0) { idle(); continue; }
        if (next != current) {
            int prev = current;
            current = next;
            thread_switch(&threads[prev].sp, threads[next].sp);
        }
        return;
    }
}

int thread_create(const char *name, void (*fn)(void *), void *arg)
{
    for (int i = 1; i < MAX_THREADS; i++) {
        if (threads[i].state != FREE && threads[i].state != DONE) continue;
        /* An ended thread's stack is free: it never runs again once it has switched away. */
        unsigned pfn = threads[i].stack ? threads[i].stack : pages_alloc(STACK_PAGES);
        if (!pfn) return -1;
        /* The frame thread_switch pops: r4 = fn, r5 = arg, r6-r11, lr = thread_start. */
        uint32_t *sp = (uint32_t *)PAGE_ADDRESS(pfn + STACK_PAGES) - 9;
        sp[0] = (uint32_t)fn;
        sp[1] = (uint32_t)arg;
        sp[8] = (uint32_t)thread_start;
        threads[i] = (struct thread){ (uint32_t)sp, RUNNABLE, 0, 0, name, pfn };
        return i;
    }
    return -1;
}

void thread_exit(void)
{
    threads[current].state = DONE;
    for (int i = 0; i < MAX_THREADS; i++)
        if (threads[i].state == JOINING && threads[i].port == (unsigned)current) threads[i].state = RUNNABLE;
    schedule();
    for (;;) ; /* never chosen again */
}

void thread_yield(void)
{
    schedule();
}

void thread_sleep_until(uint64_t deadline_ns)
{
    if (timer_port < 0) timer_port = bind_virq(VIRQ_TIMER);
    threads[current].wake_at = deadline_ns;
    threads[current].state = SLEEPING;
    schedule();
}

void thread_wait_event(unsigned port, unsigned since)
{
    threads[current].port = port;
    threads[current].state = WAITING;
    /* Set before this look: an upcall from here on finds us WAITING and wakes us. */
    if (events_delivered() != since) threads[current].state = RUNNABLE;
    schedule();
}

void thread_join(int id)
{
    while (!thread_done(id)) {
        threads[current].port = id;
        threads[current].state = JOINING;
        schedule();
    }
}

int thread_done(int id) { return id <= 0 || id >= MAX_THREADS || threads[id].state == DONE; }
int thread_current(void) { return current; }
