/* Interdomain event ping-pong: "ping" (domain 1) offers an unbound port to domain 2; "pong"
 * binds to it; they bounce an event ROUNDS times, each side counting what it received. */
#include "minios.h"

#define ROUNDS 5
static volatile int received;
static void on_event(unsigned port) { received++; }

static int run_ping(void)
{
    int port = evtchn_alloc_unbound(cmdline_int("peer", 2));
    check(port > 0, "alloc_unbound gives a port");
    print_dec("ping: allocated unbound port ", port);
    for (int i = 0; i < ROUNDS; i++) {
        while (received <= i) block();
        evtchn_send(port);
    }
    print_dec("ping: events received ", received);
    check_eq(received, ROUNDS, "ping: events received");
    return test_result();
}

static int run_pong(void)
{
    int port;
    while ((port = evtchn_bind_interdomain(cmdline_int("peer", 1), cmdline_int("port", 1))) < 0) yield();
    print_dec("pong: bound local port ", port);
    /* Binding raises the new local port once (as Xen does, so nothing sent earlier is lost):
     * that event is not one of ping's replies. */
    received = 0;
    for (int i = 0; i < ROUNDS; i++) {
        evtchn_send(port);
        while (received <= i) block();
    }
    print_dec("pong: events received ", received);
    check_eq(received, ROUNDS, "pong: events received");
    return test_result();
}

extern char role;
int main(void)
{
    events_init(on_event);
    return role == 'i' ? run_ping() : run_pong();
}
