/* System control coprocessor of the ARM926EJ-S as QEMU models it: ID
   registers (MIDR, CTR, TCM type, TLB type), SCTLR read/write (which bits
   stick), TTBR, DACR, FSR/FAR, FCSE PID, context ID, cache and TLB
   maintenance operations (including the test-and-clean loops that write the
   flags through r15), unknown CP15 registers and other coprocessors
   (undefined instruction). */
#include "rt.h"

static volatile u32 und_seen;

static void und_hook(int type, struct exc_frame *f)
{
    und_seen++;
}

/* Run one coprocessor access and print what it returned or that it trapped. */
#define TRY_READ(name, insn) do { \
    u32 before = und_seen, v_ = 0xdeadbeef; \
    __asm__ volatile(insn : "+r"(v_) :: "memory"); \
    if (und_seen != before) printf("%-28s UNDEFINED\n", name); \
    else printf("%-28s %08x\n", name, v_); \
} while (0)

#define TRY_WRITE(name, insn, V) do { \
    u32 before = und_seen, v_ = (V); \
    __asm__ volatile(insn :: "r"(v_) : "memory"); \
    printf("%-28s %s\n", name, und_seen != before ? "UNDEFINED" : "ok"); \
} while (0)

static void ids(void)
{
    TRY_READ("MIDR c0,c0,0", "mrc p15, 0, %0, c0, c0, 0");
    TRY_READ("CTR c0,c0,1", "mrc p15, 0, %0, c0, c0, 1");
    TRY_READ("TCMTR c0,c0,2", "mrc p15, 0, %0, c0, c0, 2");
    TRY_READ("TLBTR c0,c0,3", "mrc p15, 0, %0, c0, c0, 3");
    TRY_READ("c0,c0,4 (MIDR alias)", "mrc p15, 0, %0, c0, c0, 4");
    TRY_READ("c0,c0,7 (MIDR alias)", "mrc p15, 0, %0, c0, c0, 7");
    TRY_READ("c0,c1,0 (ID_PFR0, v6)", "mrc p15, 0, %0, c0, c1, 0");
    TRY_READ("c0,c2,0 (ID_ISAR0, v6)", "mrc p15, 0, %0, c0, c2, 0");
    TRY_READ("CLIDR c0,c0,1 op1=1", "mrc p15, 1, %0, c0, c0, 1");
}

static void control(void)
{
    u32 sctlr = CP15_READ(c1, 0, c0, 0);
    printf("SCTLR reset                  %08x\n", sctlr);
    /* set every bit except M (MMU), A (alignment), B (big-endian) and V
       (high vectors), which would pull the ground from under this program */
    CP15_WRITE(c1, 0, c0, 0, 0xffffdf7cu);
    printf("SCTLR after ~0 (not M,A,B,V) %08x\n", CP15_READ(c1, 0, c0, 0));
    CP15_WRITE(c1, 0, c0, 0, 0);
    printf("SCTLR after 0                %08x\n", CP15_READ(c1, 0, c0, 0));
    CP15_WRITE(c1, 0, c0, 0, sctlr);
    printf("SCTLR restored               %08x\n", CP15_READ(c1, 0, c0, 0));
    TRY_READ("ACTLR c1,c0,1", "mrc p15, 0, %0, c1, c0, 1");
    TRY_READ("CPACR c1,c0,2", "mrc p15, 0, %0, c1, c0, 2");

    static const u32 pats[] = { 0xffffffff, 0x12345678, 0 };
    for (int i = 0; i < 3; i++) {
        u32 p = pats[i];
        CP15_WRITE(c2, 0, c0, 0, p);
        CP15_WRITE(c3, 0, c0, 0, p);
        CP15_WRITE(c5, 0, c0, 0, p);
        CP15_WRITE(c6, 0, c0, 0, p);
        printf("write %08x: TTBR=%08x DACR=%08x DFSR=%08x FAR=%08x\n", p,
               CP15_READ(c2, 0, c0, 0), CP15_READ(c3, 0, c0, 0), CP15_READ(c5, 0, c0, 0),
               CP15_READ(c6, 0, c0, 0));
        TRY_WRITE("write IFSR c5,c0,1", "mcr p15, 0, %0, c5, c0, 1", p);
        TRY_READ("read IFSR c5,c0,1", "mrc p15, 0, %0, c5, c0, 1");
        TRY_WRITE("write CONTEXTIDR c13,c0,1", "mcr p15, 0, %0, c13, c0, 1", p);
        TRY_READ("read CONTEXTIDR c13,c0,1", "mrc p15, 0, %0, c13, c0, 1");
    }
}

static void maintenance(void)
{
    u32 flags;
    /* test and clean: the result goes to the flags (Z set when clean) */
    __asm__ volatile("msr cpsr_f, #0\n1:\tmrc p15, 0, r15, c7, c10, 3\n\tmrs %0, cpsr" : "=r"(flags) :: "cc");
    printf("test-and-clean c7,c10,3 flags ");
    print_flags(flags);
    uart_putc('\n');
    __asm__ volatile("msr cpsr_f, #0\n1:\tmrc p15, 0, r15, c7, c14, 3\n\tmrs %0, cpsr" : "=r"(flags) :: "cc");
    printf("test-clean-inv c7,c14,3 flags ");
    print_flags(flags);
    uart_putc('\n');
    /* the usual loop terminates */
    __asm__ volatile("1:\tmrc p15, 0, r15, c7, c14, 3\n\tbne 1b" ::: "cc");
    printf("test-clean-inv loop done\n");

    TRY_WRITE("inv I+D c7,c7,0", "mcr p15, 0, %0, c7, c7, 0", 0);
    TRY_WRITE("inv I c7,c5,0", "mcr p15, 0, %0, c7, c5, 0", 0);
    TRY_WRITE("inv I line c7,c5,1", "mcr p15, 0, %0, c7, c5, 1", 0x10000);
    TRY_WRITE("flush BTB c7,c5,6", "mcr p15, 0, %0, c7, c5, 6", 0);
    TRY_WRITE("inv D c7,c6,0", "mcr p15, 0, %0, c7, c6, 0", 0);
    TRY_WRITE("inv D line c7,c6,1", "mcr p15, 0, %0, c7, c6, 1", 0x20000);
    TRY_WRITE("clean D line c7,c10,1", "mcr p15, 0, %0, c7, c10, 1", 0x20000);
    TRY_WRITE("clean D idx c7,c10,2", "mcr p15, 0, %0, c7, c10, 2", 0);
    TRY_WRITE("drain WB c7,c10,4", "mcr p15, 0, %0, c7, c10, 4", 0);
    TRY_WRITE("clean+inv D line c7,c14,1", "mcr p15, 0, %0, c7, c14, 1", 0x20000);
    TRY_WRITE("prefetch I line c7,c13,1", "mcr p15, 0, %0, c7, c13, 1", 0x10000);
    TRY_WRITE("inv TLB c8,c7,0", "mcr p15, 0, %0, c8, c7, 0", 0);
    TRY_WRITE("inv I TLB c8,c5,0", "mcr p15, 0, %0, c8, c5, 0", 0);
    TRY_WRITE("inv D TLB c8,c6,0", "mcr p15, 0, %0, c8, c6, 0", 0);
    TRY_WRITE("inv TLB entry c8,c7,1", "mcr p15, 0, %0, c8, c7, 1", 0x10000);
    TRY_READ("D cache lockdown c9,c0,0", "mrc p15, 0, %0, c9, c0, 0");
    TRY_READ("I cache lockdown c9,c0,1", "mrc p15, 0, %0, c9, c0, 1");
    TRY_READ("DTCM region c9,c1,0", "mrc p15, 0, %0, c9, c1, 0");
    TRY_READ("ITCM region c9,c1,1", "mrc p15, 0, %0, c9, c1, 1");
    TRY_READ("TLB lockdown c10,c0,0", "mrc p15, 0, %0, c10, c0, 0");
    TRY_READ("c15,c0,0 (debug override)", "mrc p15, 0, %0, c15, c0, 0");
    TRY_READ("c15,c1,0 (debug/test)", "mrc p15, 0, %0, c15, c1, 0");
}

static void undefined_registers(void)
{
    TRY_READ("c4,c0,0 (none)", "mrc p15, 0, %0, c4, c0, 0");
    TRY_READ("c11,c0,0 (none)", "mrc p15, 0, %0, c11, c0, 0");
    TRY_READ("c12,c0,0 (none)", "mrc p15, 0, %0, c12, c0, 0");
    TRY_READ("c1,c0,0 op1=3", "mrc p15, 3, %0, c1, c0, 0");
    TRY_READ("c2,c0,1 (TTBR1, v6)", "mrc p15, 0, %0, c2, c0, 1");
    TRY_READ("c2,c0,2 (TTBCR, v6)", "mrc p15, 0, %0, c2, c0, 2");
    TRY_READ("c13,c0,2 (TPIDR, v6K)", "mrc p15, 0, %0, c13, c0, 2");
    TRY_WRITE("write MIDR", "mcr p15, 0, %0, c0, c0, 0", 0x12345678);
    printf("MIDR after write             %08x\n", CP15_READ(c0, 0, c0, 0));
    TRY_READ("p14 c0,c0,0", "mrc p14, 0, %0, c0, c0, 0");
    TRY_READ("p7 c0,c0,0", "mrc p7, 0, %0, c0, c0, 0");
    TRY_READ("p10 (VFP) FPSID via mrc", "mrc p10, 7, %0, c0, c0, 0");
    TRY_READ("FPEXC vmrs", ".fpu vfp\n\tvmrs %0, fpexc");
    TRY_READ("FPSID vmrs", ".fpu vfp\n\tvmrs %0, fpsid");
    TRY_WRITE("mcrr p15", "mcrr p15, 0, %0, %0, c7", 0);
    TRY_WRITE("cdp p15", "cdp p15, 0, c0, c0, c0, 0\n\tmov %0, %0", 0);
    TRY_WRITE("ldc p15", "ldc p15, c0, [%0]", 0x20000);
}

extern char _start[], __free_ram[];

/* FCSE: with a PID set, addresses below 32 MiB are relocated by PID * 32 MiB
   (even with the MMU off). This program copies itself to 32 MiB higher, so
   that it keeps running when PID 1 is set, and then looks at where data goes. */
static void fcse(void)
{
    u32 *src = (u32 *)_start, *dst = (u32 *)((u32)_start + 0x02000000);
    while (src < (u32 *)__free_ram) *dst++ = *src++;
    REG32(0x02000100) = 0x11111111;
    REG32(0x00000100) = 0x22222222;
    u32 pid, seen_low, seen_high;
    __asm__ volatile(
        "mcr p15, 0, %3, c13, c0, 0\n\t"
        "mrc p15, 0, %0, c13, c0, 0\n\t"
        "ldr %1, [%4]\n\t"           /* VA 0x100 -> PA 0x02000100 */
        "str %5, [%4]\n\t"
        "mov %2, #0\n\t"
        "mcr p15, 0, %2, c13, c0, 0\n\t"
        "ldr %2, [%4]"                 /* PID 0 again: VA 0x100 is PA 0x100 */
        : "=&r"(pid), "=&r"(seen_low), "=&r"(seen_high)
        : "r"(0x02000000), "r"(0x100), "r"(0x33333333) : "memory");
    printf("FCSE PID read back %08x, VA 0x100 with PID 1 read %08x, PA 0x100 %08x, PA 0x02000100 %08x\n",
           pid, seen_low, seen_high, REG32(0x02000100));
}

int main(void)
{
    printf("cp15: start\n");
    exc_hooks[EXC_UND] = und_hook;
    ids();
    control();
    maintenance();
    fcse();
    undefined_registers();
    printf("cp15: done, %u undefined\n", und_seen);
    return 0;
}
