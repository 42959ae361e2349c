/* mini-OS threads and timers: the monotonic clock never goes back; sleepers wake in deadline
 * order and not before their deadline; yield interleaves threads round robin; a thread
 * waiting for an event wakes when it is delivered; a masked port stays pending until it is
 * unmasked (the events come through an IPI port of vCPU 0: a send on it comes back to us);
 * threads other than main use xenstore, each getting its own answers. */
#include "minios.h"

static char log[16];
static int log_len;
static void note(char c) { if (log_len < (int)sizeof log - 1) log[log_len++] = c; }

static void clock_is_monotonic(void)
{
    uint64_t last = system_time();
    int backwards = 0;
    for (int i = 0; i < 2000; i++) {
        uint64_t now = system_time();
        backwards += now < last;
        last = now;
    }
    check_eq(backwards, 0, "system time never goes back");
}

struct sleeper { char name; int ms; uint64_t deadline, woke; };

static void sleep_then_note(void *arg)
{
    struct sleeper *s = arg;
    thread_sleep_until(s->deadline);
    s->woke = system_time();
    note(s->name);
}

static void sleepers_wake_in_deadline_order(void)
{
    static struct sleeper s[3] = { { 'A', 3 }, { 'B', 1 }, { 'C', 2 } };
    uint64_t start = system_time();
    int ids[3];
    log_len = 0;
    for (int i = 0; i < 3; i++) {
        s[i].deadline = start + MILLISECONDS(s[i].ms);
        ids[i] = thread_create("sleeper", sleep_then_note, &s[i]);
        check(ids[i] > 0, "thread_create gives a thread");
    }
    for (int i = 0; i < 3; i++) thread_join(ids[i]);
    log[log_len] = 0;
    print("threads: woke in the order ");
    print(log);
    print("\n");
    check(log[0] == 'B' && log[1] == 'C' && log[2] == 'A' && log_len == 3, "sleepers wake in deadline order");
    for (int i = 0; i < 3; i++) check(s[i].woke >= s[i].deadline, "no sleeper wakes before its deadline");
}

static void note_and_yield(void *arg)
{
    for (int i = 0; i < 3; i++) { note(*(char *)arg); thread_yield(); }
}

static void yield_takes_turns(void)
{
    static char x = 'X', y = 'Y';
    log_len = 0;
    int ids[2] = { thread_create("x", note_and_yield, &x), thread_create("y", note_and_yield, &y) };
    while (!thread_done(ids[0]) || !thread_done(ids[1])) thread_yield();
    log[log_len] = 0;
    print("threads: yield order ");
    print(log);
    print("\n");
    const char *want = "XYXYXY";
    int same = log_len == 6;
    for (int i = 0; same && i < 6; i++) same = log[i] == want[i];
    check(same, "threads that yield take turns round robin");
}

static volatile int loop_events;
static unsigned loop_port;
static void count_event(unsigned port, void *arg) { loop_events++; }
static volatile int waiter_saw;

static void wait_for_one(void *arg)
{
    wait_event_until(loop_port, loop_events >= 1);
    waiter_saw = loop_events;
}

static void events_wake_waiters_and_masks_hold_them(void)
{
    int a = bind_ipi(0), b = a;
    check(a > 0, "bind_ipi gives a port");
    loop_port = a;
    evtchn_set_handler(a, count_event, 0);
    int waiter = thread_create("waiter", wait_for_one, 0);
    thread_yield();                       /* the waiter runs and goes to sleep on port a */
    check_eq(waiter_saw, 0, "the waiter sleeps until the event");
    evtchn_send(b);
    thread_join(waiter);
    check_eq(waiter_saw, 1, "the event woke the waiter");

    evtchn_mask(a);
    evtchn_send(b);
    check_eq(loop_events, 1, "a masked port is not delivered");
    check_eq(evtchn_is_pending(a), 1, "a masked port stays pending");
    evtchn_unmask(a);
    thread_yield();
    check_eq(loop_events, 2, "unmasking delivers the pending event");
    check_eq(evtchn_is_pending(a), 0, "delivered: no longer pending");
}

/* Writes its own nodes and reads them back; arg holds its letter and gets the number of
 * nodes that came back right. (dom0 answers inside the request's send, so the two threads do
 * not contend for the ring here; xenstore.c's turn-taking is for replies that must be waited
 * for.) */
static void store_user(void *arg)
{
    int *result = arg;
    char who = (char)*result, path[] = "data/threads/X0", value[] = "X0", got[8];
    *result = 0;
    for (int i = 0; i < 5; i++) {
        path[13] = value[0] = who;
        path[14] = value[1] = '0' + i;
        got[0] = 0;
        if (xs_write(0, path, value) == 0 && xs_read(0, path, got, sizeof got) == 2 && got[0] == who && got[1] == '0' + i)
            (*result)++;
    }
}

static void threads_use_xenstore(void)
{
    static int a = 'A', b = 'B';
    int ids[2] = { thread_create("store-a", store_user, &a), thread_create("store-b", store_user, &b) };
    thread_join(ids[0]);
    thread_join(ids[1]);
    check_eq(a, 5, "thread A's xenstore writes and reads");
    check_eq(b, 5, "thread B's xenstore writes and reads");
}

int main(void)
{
    check_eq(xs_init(), 0, "xs_init");
    clock_is_monotonic();
    sleepers_wake_in_deadline_order();
    yield_takes_turns();
    events_wake_waiters_and_masks_hold_them();
    threads_use_xenstore();
    return test_result();
}
