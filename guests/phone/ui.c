/* The user interface: uses the vault (PIN checks, signatures) through its vchan and talks
 * with the radio through the radio's page. Two threads: one keeps asking the vault, paced by
 * the clock, while the other prints what the radio says as it says it, so the vault's
 * service goes on while the compromised radio attacks. */
#include "minios.h"
#include "protocol.h"

#define HEARTBEATS 8
static struct vchan vault;
static int radio_dom, radio_port;
static volatile struct radio_log *radio_log;
static volatile int radio_compromised, radio_events;
static void count_radio_event(unsigned port, void *arg) { radio_events++; }

static void copy(char *dst, const char *s, int size) { int i = 0; while (s[i] && i < size - 1) { dst[i] = s[i]; i++; } dst[i] = 0; }

static void ask(int op, const char *arg, const char *what)
{
    struct vault_request rq;
    struct vault_reply rp;
    rq.op = op;
    copy(rq.arg, arg, sizeof rq.arg);
    vchan_write(&vault, &rq, sizeof rq);
    if (op == OP_BYE) return;
    vchan_read(&vault, &rp, sizeof rp);
    rp.text[sizeof rp.text - 1] = 0;
    print("ui: ");
    print(what);
    print(" -> ");
    print(rp.text);
    print("\n");
}

static void connect_vault(void)
{
    int vault_dom = cmdline_int("vault", 1);
    int rc;
    /* Until the vault has granted its pages and allocated its port, mapping or binding fails. */
    while ((rc = vchan_client_connect(&vault, vault_dom, cmdline_int("vault_ring_ref", 8), cmdline_int("vault_port", 1))) != 0)
        thread_sleep_until(system_time() + MILLISECONDS(1));
    print("ui: connected to the vault's vchan\n");
}

/* Prints each line the radio appends, as it appends it, and acknowledges. */
static void radio_listener(void *arg)
{
    unsigned pfn = pages_alloc(1), handle, seen = 0;
    /* The radio's first event says its page is granted. */
    wait_event_until(radio_port, radio_events > 0);
    print_dec("ui: mapped the radio's page, status ", grant_map(radio_dom, cmdline_int("radio_ref", 8), pfn, 1, &handle));
    radio_log = PAGE_ADDRESS(pfn);
    for (;;) {
        wait_event_until(radio_port, radio_log->length != seen || radio_log->done);
        unsigned end = radio_log->length;
        if (end < seen) break; /* not the page it was: the radio has gone */
        static char line[128];
        int n = 0;
        for (; seen < end; seen++) {
            char c = radio_log->text[seen];
            if (n < (int)sizeof line - 2) line[n++] = c;
            if (c != '\n') continue;
            line[n] = 0;
            print(line);
            if (line[7] == 'c' && line[8] == 'o') radio_compromised = 1;   /* "radio: compromised" */
            n = 0;
        }
        evtchn_send(radio_port);
        if (radio_log->done && seen == radio_log->length) break;
    }
    grant_unmap(pfn, handle);
}

int main(void)
{
    events_init(0);
    radio_dom = cmdline_int("radio", 3);
    connect_vault();
    radio_port = evtchn_alloc_unbound(radio_dom);
    print_dec("ui: offering the radio port ", radio_port);
    evtchn_set_handler(radio_port, count_radio_event, 0);
    int listener = thread_create("radio", radio_listener, 0);

    ask(OP_VERIFY_PIN, "1234", "verify PIN 1234");
    ask(OP_VERIFY_PIN, "4321", "verify PIN 4321");
    ask(OP_SIGN, "call home at 18:00", "sign 'call home at 18:00'");

    /* While the radio attacks, keep using the vault: one signature every millisecond. */
    while (!radio_compromised) thread_sleep_until(system_time() + MILLISECONDS(1));
    static char msg[] = "heartbeat 0", what[] = "sign 'heartbeat 0'";
    for (int i = 1; i <= HEARTBEATS; i++) {
        msg[10] = what[16] = '0' + i;
        ask(OP_SIGN, msg, what);
        thread_sleep_until(system_time() + MILLISECONDS(1));
    }
    thread_join(listener);
    ask(OP_SIGN, "still here after the attack", "sign 'still here after the attack'");
    ask(OP_BYE, "", "");
    vchan_close(&vault);
    /* With stay=1 on its command line the domain stays (blocked) after the scenario, for
       `cloister xl` to inspect, until the toolstack shuts it down or destroys it. */
    if (cmdline_int("stay", 0)) for (;;) block();
    return 0;
}
