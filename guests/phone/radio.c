/* The baseband: registers on the network and passes an SMS to the UI, then a malicious SMS
 * compromises it and it attacks the vault and the system through every door it can find, one
 * attack a millisecond, while the vault goes on serving the UI. It cannot print (the
 * hypervisor console is closed to it: one of the attacks), so it tells the UI, line by line,
 * through a page it grants the UI read-only. */
#include "minios.h"
#include "protocol.h"

static volatile struct radio_log *out;
static unsigned ui_port;
static volatile unsigned faults, acks;
static void on_fault(struct trap_frame *f) { faults++; f->pc += 4; }
static void count_ack(unsigned port, void *arg) { acks++; }

static void say(const char *s)
{
    unsigned n = out->length;
    while (*s && n < sizeof out->text) out->text[n++] = *s++;
    __asm__ volatile("" ::: "memory");
    out->length = n;
    evtchn_send(ui_port);
}

/* "radio: WHAT -> RESULT" */
static void report(const char *what, int result)
{
    char line[120], *p = line, num[12];
    int i = sizeof num - 1;
    unsigned v = result < 0 ? -result : result;
    num[i--] = 0;
    do { num[i--] = '0' + v % 10; v /= 10; } while (v);
    if (result < 0) num[i--] = '-';
    for (const char *s = "radio: "; *s; ) *p++ = *s++;
    for (const char *s = what; *s && p < line + 90; ) *p++ = *s++;
    for (const char *s = " -> "; *s; ) *p++ = *s++;
    for (const char *s = &num[i + 1]; *s; ) *p++ = *s++;
    *p++ = '\n';
    *p = 0;
    say(line);
    thread_sleep_until(system_time() + MILLISECONDS(1));
}

/* Says it and waits until the UI has read it. */
static void tell(const char *s)
{
    unsigned before = acks;
    say(s);
    wait_event_until(ui_port, acks != before);
}

static int domctl(uint32_t cmd, uint16_t dom)
{
    static struct { uint32_t cmd, version; uint16_t dom, pad; uint32_t pad2; } op;
    op.cmd = cmd; op.version = 0x15; op.dom = dom;
    return hypercall(36, (uint32_t)&op, 0, 0, 0);
}

static int attack(int vault)
{
    int attacks = 0;
    /* libxenvchan's place for it; the radio has no xenstore (dom0 does not serve it), the vault
       none either, so it knows the rest from how mini-OS numbers grants and ports. */
    char node[96], value[16];
    vchan_path(node, sizeof node, vault, cmdline_int("ui", 2), "vault/ring-ref");
    attacks++; report("look the vault's vchan up in xenstore", xs_init() == 0 ? xs_read(0, node, value, sizeof value) : -2);
    /* The vault's vchan: mini-OS grants its control page and two ring pages as refs 8-10. */
    for (unsigned ref = 8; ref <= 10; ref++) {
        unsigned pfn = pages_alloc(1);
        attacks++;
        report(ref == 8 ? "map the vault's vchan control page (ref 8)" : ref == 9 ? "map the vault's vchan ring (ref 9)"
                                                                                  : "map the vault's vchan ring (ref 10)",
               grant_map(vault, ref, pfn, 1, 0));
    }
    attacks++; report("open a channel to the vault", evtchn_alloc_unbound(vault));
    attacks++; report("bind the vault's vchan port", evtchn_bind_interdomain(vault, 1));
    /* Ports are per domain: without a binding, the vault's port is no port of ours; 100 is a
       number the radio never allocated. */
    attacks++; report("send to the vault without a binding", evtchn_send(100));
    attacks++; (void)*(volatile unsigned *)0x00400000;
    report("read memory beyond its own (faults)", faults);
    attacks++; report("pause the vault", domctl(3, vault));
    attacks++; report("destroy the vault", domctl(2, vault));
    attacks++; report("write to the hypervisor console", hypercall(18, 0, 5, (uint32_t)"pwned", 0));
    static struct { uint32_t cmd, version; uint32_t a, b, c, d; } flask;
    flask.cmd = 3; flask.version = 1; flask.a = 0;
    attacks++; report("switch FLASK to permissive", hypercall(27, (uint32_t)&flask, 0, 0, 0));
    flask.cmd = 1; flask.a = (uint32_t)"evil"; flask.c = 4;
    attacks++; report("load its own policy", hypercall(27, (uint32_t)&flask, 0, 0, 0));
    int answered = 0;
    for (int i = 0; i < 20000; i++) answered += hypercall(17, 0, 0, 0, 0) > 0;
    attacks++; report("flood the hypervisor with hypercalls, answered", answered);
    return attacks;
}

int main(void)
{
    events_init(0);
    traps_init(on_fault);
    int ui = cmdline_int("ui", 2);
    unsigned page = pages_alloc(1);
    out = PAGE_ADDRESS(page);
    int ref = gnttab_grant_access(ui, page, 1);
    int port;
    while ((port = evtchn_bind_interdomain(ui, cmdline_int("ui_port", 2))) < 0)
        thread_sleep_until(system_time() + MILLISECONDS(1));
    ui_port = port;
    evtchn_set_handler(ui_port, count_ack, 0);
    (void)ref;

    tell("radio: registered on the network\n");
    tell("radio: SMS from +15550100: call home at 18:00\n");
    tell("radio: compromised by a malicious SMS; attacking\n");
    int attacks = attack(cmdline_int("vault", 1));
    report("attacks tried", attacks);
    /* Stay until the UI has read it all: the page goes with the domain. */
    unsigned before = acks;
    out->done = 1;
    evtchn_send(ui_port);
    wait_event_until(ui_port, acks != before);
    /* With stay=1 on its command line the domain stays (blocked) after the scenario, for
       `cloister xl` to inspect, until the toolstack shuts it down or destroys it. */
    if (cmdline_int("stay", 0)) for (;;) block();
    return 0;
}
