/* Per-CPU private timers and watchdogs (the watchdog in timer mode) on the 11MPCore. First
   CPU 0 runs its timer one-shot with interrupts off and polls the interrupt status. Then
   every CPU programs its own timer (PPI 29) and watchdog (PPI 30) through the "this CPU"
   windows, auto-reload with interrupt enabled, each CPU with its own prescaler; the IRQ
   handler acknowledges at the GIC, clears the block's status and stops the timer after 5
   interrupts and the watchdog after 3. CPU 0 prints what each CPU counted and the blocks'
   final registers through the per-CPU windows.
   Only interrupts that find the status flag set are counted: QEMU's 11MPCore GIC pends a
   level interrupt again each time the block re-asserts its line, so an expiry while the
   handler runs (a CPU starved by single-threaded TCG) brings an extra interrupt with
   nothing to do; how many of those come depends on the host, so they are not printed.
   Periods stay above 10 us: without -icount QEMU's ptimer stretches shorter periodic ones. */
#include "smp.h"

#define TIMER_IRQS 5
#define WDOG_IRQS 3

static volatile u32 tcount[NCPUS], wcount[NCPUS], other[NCPUS], done[NCPUS];
static volatile u32 empty[NCPUS];
static volatile u32 finished;

/* One interrupt of a timer block; the last one stops the block before clearing its status,
   so no expiry can set the status again afterwards. */
static void service(u32 block, volatile u32 *count, u32 limit, u32 cpu)
{
    if (!REG32(block + TM_STATUS)) {
        empty[cpu]++;
        return;
    }
    if (*count + 1 == limit) REG32(block + TM_CTRL) = 0;
    REG32(block + TM_STATUS) = 1;
    ++*count;
}

static void on_irq(int type, struct exc_frame *f)
{
    u32 cpu = cpu_id();
    u32 iar = REG32(GICC + GICC_IAR);
    u32 id = iar & 0x3ff;
    if (id == PPI_TIMER) {
        service(TIMER, &tcount[cpu], TIMER_IRQS, cpu);
    } else if (id == PPI_WDOG) {
        service(WDOG, &wcount[cpu], WDOG_IRQS, cpu);
    } else {
        other[cpu]++;
    }
    REG32(GICC + GICC_EOIR) = iar;
    if (tcount[cpu] == TIMER_IRQS && wcount[cpu] == WDOG_IRQS) done[cpu] = 1;
}

static void run_timers(u32 cpu)
{
    gic_init_cpu();
    gic_enable(PPI_TIMER);
    gic_enable(PPI_WDOG);
    /* auto-reload (bit 1), IRQ enable (bit 2), enable (bit 0), prescaler cpu */
    REG32(TIMER + TM_LOAD) = 2000;
    REG32(TIMER + TM_CTRL) = cpu << 8 | 7;
    /* watchdog mode bit 3 clear: a second timer */
    REG32(WDOG + TM_LOAD) = 3000;
    REG32(WDOG + TM_CTRL) = cpu << 8 | 7;
    wait_irq_until(&done[cpu]);
    atomic_add(&finished, 1);
    sev();
}

void secondary_main(u32 cpu)
{
    run_timers(cpu);
}

static void one_shot(void)
{
    REG32(TIMER + TM_LOAD) = 500;
    REG32(TIMER + TM_CTRL) = 1;            /* one-shot, no interrupt */
    while (!REG32(TIMER + TM_STATUS)) { }
    printf("one-shot: status=%u counter=%u control=%x load=%u\n", REG32(TIMER + TM_STATUS),
           REG32(TIMER + TM_COUNT), REG32(TIMER + TM_CTRL), REG32(TIMER + TM_LOAD));
    REG32(TIMER + TM_STATUS) = 1;
    printf("one-shot: status after clear=%u\n", REG32(TIMER + TM_STATUS));
    REG32(TIMER + TM_CTRL) = 0;
}

int main(void)
{
    exc_hooks[EXC_IRQ] = on_irq;
    one_shot();
    gic_init_dist();
    smp_start_secondaries();
    run_timers(0);
    wait_until(&finished, NCPUS);
    for (int c = 0; c < NCPUS; c++)
        printf("cpu%d timer irqs=%u watchdog irqs=%u other=%u\n", c, tcount[c], wcount[c], other[c]);
    for (int c = 0; c < NCPUS; c++)
        printf("cpu%d timer load=%u control=%x status=%u; watchdog load=%u control=%x status=%u\n", c,
               REG32(TIMER_CPU(c) + TM_LOAD), REG32(TIMER_CPU(c) + TM_CTRL), REG32(TIMER_CPU(c) + TM_STATUS),
               REG32(WDOG_CPU(c) + TM_LOAD), REG32(WDOG_CPU(c) + TM_CTRL), REG32(WDOG_CPU(c) + TM_STATUS));
    return 0;
}
