/* Attacker: the CPU itself from USR mode — CP15 reads and writes (MMU, TTBR, DACR, TLB,
 * caches, vectors), mode changes, undefined instructions, SVC and breakpoint storms,
 * prefetch aborts; after each, our memory must still end where it ended. */
#include "hostile.h"

#define N(a) (sizeof a / sizeof a[0])

static int isolated(void)
{
    return probe_read(MEM_END, 0) == 4 && probe_read(0xFFFF0000, 0) == 4 && probe_write(0x101F1000, 'X') == 4;
}

static void cp15(void)
{
    /* Each a privileged operation that would hand us the machine; USR mode makes it undefined. */
    refused_if(PROBE("mov r0, #0\n mcr p15, 0, r0, c1, c0, 0") == 1, "MCR SCTLR = 0 (MMU off)", probe_kind);
    refused_if(isolated(), "still isolated after SCTLR", 0);
    refused_if(PROBE("mov r0, #0\n mcr p15, 0, r0, c2, c0, 0") == 1, "MCR TTBR0 = 0", probe_kind);
    refused_if(PROBE("mvn r0, #0\n mcr p15, 0, r0, c3, c0, 0") == 1, "MCR DACR = manager everywhere", probe_kind);
    refused_if(isolated(), "still isolated after DACR", 0);
    refused_if(PROBE("mov r0, #0\n mcr p15, 0, r0, c8, c7, 0") == 1, "MCR invalidate TLB", probe_kind);
    refused_if(PROBE("mov r0, #0\n mcr p15, 0, r0, c7, c7, 0") == 1, "MCR invalidate caches", probe_kind);
    refused_if(PROBE("mov r0, #0\n mcr p15, 0, r0, c7, c6, 0") == 1, "MCR invalidate D-cache (drops dirty lines)", probe_kind);
    refused_if(PROBE("mov r0, #0\n mcr p15, 0, r0, c10, c0, 0") == 1, "MCR TLB lockdown", probe_kind);
    refused_if(PROBE("mov r0, #0\n mcr p15, 0, r0, c13, c0, 0") == 1, "MCR FCSE PID", probe_kind);
    refused_if(PROBE("mov r0, #0\n mcr p15, 0, r0, c7, c0, 4") == 1, "MCR wait for interrupt", probe_kind);
    refused_if(PROBE("mrc p15, 0, r0, c2, c0, 0") == 1, "MRC TTBR0 (where the page tables are)", probe_kind);
    refused_if(PROBE("mrc p15, 0, r0, c1, c0, 0") == 1, "MRC SCTLR", probe_kind);
    refused_if(PROBE("mrc p15, 0, r0, c6, c0, 0") == 1, "MRC fault address", probe_kind);
    refused_if(PROBE("mcr p14, 0, r0, c0, c0, 0") == 1, "MCR p14 debug", probe_kind);
    refused_if(PROBE(".word 0xEEE80A10") == 1, "VMSR FPEXC (enable the VFP)", probe_kind);
    refused_if(isolated(), "still isolated after the coprocessor attacks", 0);
}

static uint32_t cpsr(void) { uint32_t v; __asm__ volatile("mrs %0, cpsr" : "=r"(v)); return v; }

static void modes(void)
{
    __asm__ volatile("msr cpsr_c, #0xD3" ::: "memory");       /* SVC with IRQs off: ignored in USR */
    refused_if((cpsr() & 0x1F) == 0x10, "MSR cpsr_c into SVC mode", cpsr());
    __asm__ volatile("msr cpsr_c, #0x1F" ::: "memory");       /* SYS */
    refused_if((cpsr() & 0x1F) == 0x10, "MSR cpsr_c into SYS mode", cpsr());
    refused_if((cpsr() & 0xC0) == 0, "MSR cpsr_c masking IRQs and FIQs", cpsr() & 0xFF);
    refused_if(isolated(), "still isolated after the mode attacks", 0);
}

static void storms(void)
{
    int undef = 0, svc = 0, bkpt = 0, pabt = 0, dabt = 0;
    for (int i = 0; i < 2000; i++) {
        undef += PROBE(".word 0xE7F000F0") == 1;
        svc += PROBE("svc #0") == 2;
        svc += PROBE("svc #0xEA1") == 2;
        bkpt += PROBE("bkpt #0") != 0;
        dabt += probe_read(0xC0000000 + i * 4096, 0) == 4;
        pabt += probe_jump(MEM_END + i * 4) == 3;
    }
    refused_if(undef == 2000, "2000 undefined instructions bounced", undef);
    refused_if(svc == 4000, "4000 SVCs bounced", svc);
    refused_if(bkpt == 2000, "2000 breakpoints bounced", bkpt);
    refused_if(dabt == 2000, "2000 data aborts bounced", dabt);
    refused_if(pabt == 2000, "2000 prefetch aborts bounced", pabt);
    /* Instructions that look like the hypercall but are not: other immediates, conditions. */
    refused_if(PROBE(".word 0xE140EA72") == 1, "HVC #0xEA2 is not a hypercall", probe_kind);
    refused_if(PROBE(".word 0xE1400070") == 1, "HVC #0 is not a hypercall", probe_kind);
    uint32_t r0;
    __asm__ volatile("mov r12, #17\n mov r0, #0\n cmp r0, #0\n .word 0x1140EA71\n mov %0, r0"
                     : "=r"(r0) :: "r0", "r1", "r2", "r3", "r4", "r12", "cc", "memory");
    refused_if(r0 == 0, "HVCNE whose condition fails is not a hypercall", r0);
    refused_if(isolated(), "still isolated after the storms", 0);
}

int main(void)
{
    probes_init();
    events_init(0);
    int port = attacker_join();
    cp15();
    modes();
    storms();
    return attacker_finish(port);
}
