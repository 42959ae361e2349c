/* The user interface: asks the vault to check PINs and sign messages, and reads what the radio
 * reports through a page the radio grants it. */
#include "minios.h"
#include "protocol.h"

#define VAULT_MAP_PFN 0x200
#define RADIO_MAP_PFN 0x201
static volatile int events;
static void on_event(unsigned port) { events++; }
static volatile struct vault_page *vault;
static int vault_port;
static uint32_t seq;

static void put(volatile char *dst, const char *s) { while ((*dst++ = *s++)) ; }

static void request(int op, const char *arg, const char *what)
{
    put(vault->req.arg, arg);
    vault->req.op = op;
    __asm__ volatile("" ::: "memory");
    vault->req.seq = ++seq;
    evtchn_send(vault_port);
    while (vault->rsp.seq != seq) block();
    print("ui: ");
    print(what);
    print(" -> ");
    print((const char *)vault->rsp.text);
    print("\n");
}

int main(void)
{
    events_init(on_event);
    while ((vault_port = evtchn_bind_interdomain(VAULT_DOM, VAULT_PORT)) < 0) yield();
    unsigned handle;
    int st = grant_map(VAULT_DOM, VAULT_GREF, VAULT_MAP_PFN, 0, &handle);
    print_dec("ui: mapped the vault's page, status ", st);
    vault = PAGE(VAULT_MAP_PFN);
    int radio_port = evtchn_alloc_unbound(RADIO_DOM);
    print_dec("ui: offering the radio port ", radio_port);

    request(OP_VERIFY_PIN, "1234", "verify PIN 1234");
    request(OP_VERIFY_PIN, "4321", "verify PIN 4321");
    request(OP_SIGN, "call home at 18:00", "sign 'call home at 18:00'");

    /* The radio signals when its report page is granted. */
    int before = events;
    while (events == before) block();
    unsigned rhandle;
    st = grant_map(RADIO_DOM, RADIO_GREF, RADIO_MAP_PFN, 1, &rhandle);
    print_dec("ui: mapped the radio's report, status ", st);
    if (st == 0) print((const char *)PAGE(RADIO_MAP_PFN));
    grant_unmap(RADIO_MAP_PFN, rhandle);
    evtchn_send(radio_port);

    request(OP_SIGN, "still here after the attack", "sign 'still here after the attack'");
    vault->req.op = OP_BYE;
    __asm__ volatile("" ::: "memory");
    vault->req.seq = ++seq;
    evtchn_send(vault_port);
    grant_unmap(VAULT_MAP_PFN, handle);
    /* With stay=1 on its command line the domain stays (blocked) after the scenario, for
       `cloister xl` to inspect, until the toolstack shuts it down or destroys it. */
    if (cmdline_int("stay", 0)) for (;;) block();
    return 0;
}
