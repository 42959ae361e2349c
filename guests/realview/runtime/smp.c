/* SMP helpers (see smp.h). */
#include "smp.h"

extern volatile u32 smp_go;

void spin_lock(spinlock_t *l)
{
    u32 tmp;
    __asm__ volatile(
        "1: ldrex   %0, [%1]\n"
        "   teq     %0, #0\n"
        "   wfene\n"
        "   strexeq %0, %2, [%1]\n"
        "   teqeq   %0, #0\n"
        "   bne     1b\n"
        : "=&r"(tmp) : "r"(&l->v), "r"(1) : "cc", "memory");
    dmb();
}

void spin_unlock(spinlock_t *l)
{
    dmb();
    l->v = 0;
    dsb();
    sev();
}

u32 atomic_add(volatile u32 *p, u32 n)
{
    u32 v, fail;
    do {
        __asm__ volatile("ldrex %0, [%1]" : "=&r"(v) : "r"(p) : "memory");
        v += n;
        __asm__ volatile("strex %0, %2, [%1]" : "=&r"(fail) : "r"(p), "r"(v) : "memory");
    } while (fail);
    dmb();
    return v;
}

void smp_start_secondaries(void)
{
    dmb();
    smp_go = 1;
    dsb();
    sev();
}

void wait_until(volatile u32 *p, u32 n)
{
    while (*p < n) wfe();
    dmb();
}

void wait_irq_until(volatile u32 *flag)
{
    while (!*flag) {
        wfi();
        irq_enable();
        irq_disable();
    }
    dmb();
}

void gic_init_dist(void)
{
    REG32(GICD_CTRL) = 1;
}

void gic_init_cpu(void)
{
    REG32(GICC + GICC_PMR) = 0xf0;
    REG32(GICC + GICC_CTRL) = 1;
}

void gic_enable(u32 irq)
{
    REG32(GICD_ISENABLE(irq / 32)) = 1u << (irq % 32);
}
