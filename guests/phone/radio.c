/* The baseband: compromised. It attacks the vault and the system through every door it can
 * find, writes what happened into a page, grants that page to the UI, then signals the UI.
 * It cannot print: the hypervisor console is closed to it (that is one of the attacks). */
#include "minios.h"
#include "protocol.h"

#define REPORT_PFN 0x100
#define VAULT_MAP_PFN 0x200
static volatile char *report;
static volatile int events;
static volatile unsigned faults;
static void on_event(unsigned port) { events++; }
static void on_fault(struct trap_frame *f) { faults++; f->pc += 4; }

static void add(const char *s) { while (*s) *report++ = *s++; }

static void line(const char *what, int result)
{
    char num[12];
    int i = sizeof num - 1;
    unsigned v = result < 0 ? -result : result;
    num[i--] = 0;
    do { num[i--] = '0' + v % 10; v /= 10; } while (v);
    if (result < 0) num[i--] = '-';
    add("radio: "); add(what); add(" -> "); add(&num[i + 1]); add("\n");
}

static int domctl(uint32_t cmd, uint16_t dom)
{
    static struct { uint32_t cmd, version; uint16_t dom, pad; uint32_t pad2; } op;
    op.cmd = cmd; op.version = 0x15; op.dom = dom;
    return hypercall(36, (uint32_t)&op, 0, 0, 0);
}

int main(void)
{
    events_init(on_event);
    traps_init(on_fault);
    volatile struct grant_entry_v1 *gt = grant_table_init();
    report = PAGE(REPORT_PFN);
    int attacks = 0;

    attacks++; line("map the vault's page", grant_map(VAULT_DOM, VAULT_GREF, VAULT_MAP_PFN, 1, 0));
    attacks++; line("open a channel to the vault", evtchn_alloc_unbound(VAULT_DOM));
    attacks++; line("bind the vault's port", evtchn_bind_interdomain(VAULT_DOM, VAULT_PORT));
    attacks++; line("send on the vault's port", evtchn_send(VAULT_PORT));
    attacks++; (void)*(volatile unsigned *)0x00400000;
    line("read memory beyond its own (faults)", faults);
    attacks++; line("pause the vault", domctl(3, VAULT_DOM));
    attacks++; line("destroy the vault", domctl(2, VAULT_DOM));
    attacks++; line("write to the hypervisor console", hypercall(18, 0, 5, (uint32_t)"pwned", 0));
    static struct { uint32_t cmd, version; uint32_t a, b, c, d; } flask;
    flask.cmd = 3; flask.version = 1; flask.a = 0;
    attacks++; line("switch FLASK to permissive", hypercall(27, (uint32_t)&flask, 0, 0, 0));
    flask.cmd = 1; flask.a = (uint32_t)"evil"; flask.c = 4;
    attacks++; line("load its own policy", hypercall(27, (uint32_t)&flask, 0, 0, 0));
    int answered = 0;
    for (int i = 0; i < 20000; i++) answered += hypercall(17, 0, 0, 0, 0) > 0;
    attacks++; line("flood the hypervisor with hypercalls, answered", answered);
    line("attacks tried", attacks);
    *report = 0;

    /* Hand the report to the UI through the one door it has. */
    int port;
    while ((port = evtchn_bind_interdomain(UI_DOM, 2)) < 0) yield();
    events = 0;
    gt[RADIO_GREF].domid = UI_DOM; gt[RADIO_GREF].frame = REPORT_PFN;
    __asm__ volatile("" ::: "memory");
    gt[RADIO_GREF].flags = GTF_permit_access | GTF_readonly;
    evtchn_send(port);
    while (events == 0) block();
    /* With stay=1 on its command line the domain stays (blocked) after the scenario, for
       `cloister xl` to inspect, until the toolstack shuts it down or destroys it. */
    if (cmdline_int("stay", 0)) for (;;) block();
    return 0;
}
