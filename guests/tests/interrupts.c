/* Interrupt delivery through the VIC, taken by the CPU: FIQ preempting an
   IRQ handler, FIQ winning when both are pending at once, the I and F masks
   set on entry, a masked line waiting until the handler re-enables, the
   VIC's vector address read and end-of-interrupt write inside a handler,
   and the interrupted code's return address and flags being preserved. */
#include "rt.h"

#define VIC 0x10140000
#define V(off) REG32(VIC + (off))

static volatile u32 log_[16], log_n;

static void note(u32 what) { if (log_n < 16) log_[log_n++] = what; }

static void irq_hook(int type, struct exc_frame *f)
{
    u32 va = V(0x30);   /* vector address: also marks the interrupt in service */
    u32 st = V(0x00);
    note(0x1000 | (get_cpsr() & 0xff));
    note(va);
    if (st & (1u << 2)) {
        /* raise an FIQ from inside the IRQ handler: it preempts the handler
           (how many instructions later is not architected, so wait for it) */
        u32 before = exc_count[EXC_FIQ];
        V(0x18) = 1u << 8;
        for (int i = 0; i < 1000000 && exc_count[EXC_FIQ] == before; i++) { }
        note(0x1100 | log_n);
        V(0x1c) = 1u << 2;
    }
    V(0x1c) = st;
    V(0x30) = 0;   /* end of interrupt */
}

static void fiq_hook(int type, struct exc_frame *f)
{
    note(0x2000 | (get_cpsr() & 0xff));
    note(f->spsr & 0xff);
    V(0x1c) = V(0x04);
}

static void dump(const char *what)
{
    printf("%s:", what);
    for (u32 i = 0; i < log_n; i++) printf(" %x", log_[i]);
    uart_putc('\n');
    log_n = 0;
}

int main(void)
{
    printf("interrupts: start\n");
    exc_hooks[EXC_IRQ] = irq_hook;
    exc_hooks[EXC_FIQ] = fiq_hook;
    V(0x34) = 0xd0d0;                      /* default vector */
    V(0x100) = 0x0202; V(0x200) = 0x20 | 2; /* slot 0: line 2 */
    V(0x104) = 0x0303; V(0x204) = 0x20 | 3; /* slot 1: line 3 */
    V(0x0c) = 1u << 8;                      /* line 8 is an FIQ */
    V(0x10) = (1u << 2) | (1u << 3) | (1u << 8) | (1u << 9);

    /* IRQ, whose handler raises an FIQ that preempts it */
    V(0x18) = 1u << 2;
    set_cpsr_c(0x13);
    set_cpsr_c(0xd3);
    dump("irq then nested fiq");

    /* both pending when unmasked together: FIQ first */
    V(0x18) = (1u << 3) | (1u << 8);
    set_cpsr_c(0x13);
    set_cpsr_c(0xd3);
    dump("irq+fiq together");

    /* only IRQs unmasked: the FIQ waits, then comes when F is cleared */
    V(0x18) = (1u << 9) | (1u << 8);
    set_cpsr_c(0x53);
    dump("F masked");
    set_cpsr_c(0x13);
    set_cpsr_c(0xd3);
    dump("F unmasked");

    /* flags and registers of the interrupted code survive */
    u32 flags, r4v;
    V(0x18) = 1u << 3;
    __asm__ volatile("ldr r4, =0x4444\n\tmsr cpsr_f, #0xa0000000\n\tmsr cpsr_c, #0x13\n\tnop\n\t"
                     "msr cpsr_c, #0xd3\n\tmrs %0, cpsr\n\tmov %1, r4" : "=r"(flags), "=r"(r4v) :: "r4", "cc");
    dump("preserve");
    printf("after interrupt: cpsr=%08x r4=%x\n", flags, r4v);

    V(0x14) = 0xffffffff;
    V(0x0c) = 0;
    printf("interrupts: done irq=%u fiq=%u\n", exc_count[EXC_IRQ], exc_count[EXC_FIQ]);
    return 0;
}
