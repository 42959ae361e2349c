/* The vault: keeps a PIN and a signing key, serves the UI (and only the UI) through a granted
 * page and an event channel, until the UI says goodbye. */
#include "minios.h"
#include "protocol.h"

#define PAGE_PFN 0x100
static const char pin[] = "4321";
static const char key[] = "vault-secret-key";
static volatile int events;
static void on_event(unsigned port) { events++; }

static int same(const volatile char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return *a == *b;
}

static void put(volatile char *dst, const char *s) { while ((*dst++ = *s++)) ; }

static void hex(volatile char *dst, uint32_t v)
{
    for (int i = 7; i >= 0; i--) { dst[i] = "0123456789abcdef"[v & 15]; v >>= 4; }
    dst[8] = 0;
}

/* A keyed FNV-1a: not cryptography, just something only the key holder can produce. */
static uint32_t sign(const volatile char *msg)
{
    uint32_t h = 2166136261u;
    for (const char *k = key; *k; k++) h = (h ^ (uint8_t)*k) * 16777619u;
    while (*msg) h = (h ^ (uint8_t)*msg++) * 16777619u;
    return h;
}

int main(void)
{
    events_init(on_event);
    volatile struct grant_entry_v1 *gt = grant_table_init();
    volatile struct vault_page *page = PAGE(PAGE_PFN);
    gt[VAULT_GREF].domid = UI_DOM; gt[VAULT_GREF].frame = PAGE_PFN;
    __asm__ volatile("" ::: "memory");
    gt[VAULT_GREF].flags = GTF_permit_access;
    int port = evtchn_alloc_unbound(UI_DOM);
    print_dec("vault: ready, offering port ", port);
    int served = 0;
    uint32_t last = 0;
    for (;;) {
        while (page->req.seq == last) block();
        last = page->req.seq;
        int op = page->req.op;
        if (op == OP_BYE) break;
        served++;
        if (op == OP_VERIFY_PIN) {
            int ok = same(page->req.arg, pin);
            page->rsp.status = ok ? 0 : 1;
            put(page->rsp.text, ok ? "PIN accepted" : "PIN rejected");
        } else if (op == OP_SIGN) {
            page->rsp.status = 0;
            put(page->rsp.text, "signature ");
            hex(page->rsp.text + 10, sign(page->req.arg));
        } else {
            page->rsp.status = -1;
            put(page->rsp.text, "unknown request");
        }
        __asm__ volatile("" ::: "memory");
        page->rsp.seq = last;
        evtchn_send(port);
    }
    print_dec("vault: requests served: ", served);
    /* With stay=1 on its command line the domain stays (blocked) after the scenario, for
       `cloister xl` to inspect, until the toolstack shuts it down or destroys it. */
    if (cmdline_int("stay", 0)) for (;;) block();
    return 0;
}
