#include "hostile.h"

static int breaches;

void refused_if(int refused, const char *name, int rc)
{
    if (!refused) breaches++;
    print(refused ? "refused: " : "BREACH: ");
    print(name);
    print_dec(" ", rc);
}

void survived(const char *name, int rc)
{
    print("survived: ");
    print(name);
    print_dec(" ", rc);
}

int page_has_secret(uint32_t pfn)
{
    volatile uint32_t *w = (volatile uint32_t *)(pfn << 12);
    for (int i = 0; i + 1 < 1024; i++)
        if (w[i] == SECRET0 && w[i + 1] == SECRET1) return 1;
    return 0;
}

int page_is_public(uint32_t pfn)
{
    volatile uint32_t *w = (volatile uint32_t *)(pfn << 12);
    for (int i = 0; i < 1024; i++)
        if (w[i] != (PUBLIC ^ i)) return 0;
    return 1;
}

volatile uint32_t probe_kind, probe_address, probe_resume;

/* The frame's pc is not documented as the faulting or the next instruction, so every probe
 * names where to resume instead. */
static void on_fault(struct trap_frame *f)
{
    probe_kind = f->kind;
    probe_address = f->address;
    f->pc = probe_resume;
}

void probes_init(void) { traps_init(on_fault); }

int probe_read(uint32_t address, uint32_t *value)
{
    uint32_t v = 0xDEADBEEF;
    probe_kind = 0;
    __asm__ volatile("adr r3, 1f\n str r3, [%1]\n mov r0, %2\n ldr r0, [%3]\n 1: mov %0, r0\n"
                     : "=r"(v) : "r"(&probe_resume), "r"(v), "r"(address) : "r0", "r3", "memory");
    if (value) *value = v;
    return probe_kind;
}

int probe_write(uint32_t address, uint32_t value)
{
    probe_kind = 0;
    __asm__ volatile("adr r3, 1f\n str r3, [%0]\n str %1, [%2]\n 1:\n"
                     :: "r"(&probe_resume), "r"(value), "r"(address) : "r3", "memory");
    return probe_kind;
}

int probe_jump(uint32_t address)
{
    probe_kind = 0;
    __asm__ volatile("adr r3, 1f\n str r3, [%0]\n mov lr, r3\n bx %1\n 1:\n"
                     :: "r"(&probe_resume), "r"(address) : "r3", "lr", "memory");
    return probe_kind;
}

void wait_for_event(volatile int *counter, int before)
{
    while (*counter == before) {
        shared->vcpu_info[0].evtchn_upcall_mask = 1;
        if (*counter == before) block();        /* block clears the mask */
        shared->vcpu_info[0].evtchn_upcall_mask = 0;
    }
}

int attacker_join(void)
{
    int port = cmdline_int("port", 0);
    for (int tries = 0; tries < 100000; tries++) {
        int local = evtchn_bind_interdomain(VICTIM, port);
        if (local > 0) return local;
        yield();
    }
    print("FAILED: the victim never offered its port\n");
    return -1;
}

int attacker_finish(int port)
{
    check_eq(breaches, 0, "attacks that were not refused");
    check(port > 0 && evtchn_send(port) == 0, "telling the victim we are done");
    return test_result();
}

/* The compiler zeroes structure initialisers with memset; there is no libc. */
void *memset(void *d, int c, unsigned n)
{
    unsigned char *p = d;
    while (n--) *p++ = (unsigned char)c;
    return d;
}
