/* Inter-processor interrupts through the 11MPCore GIC: CPU 0 sends software-generated
   interrupts (SGIs) by writing the distributor's SGI register, (1) to each other CPU by its
   target list, (2) to all but itself (filter 1), (3) to itself only (filter 2). Every
   receiver takes the IRQ, reads the acknowledge register, ends the interrupt, records the
   value, and answers: it counts itself in memory and rings CPU 0 with SGI 8. CPU 0 waits for
   each round's answers before the next, so each CPU's sequence is fixed; the printout is in
   CPU order. Answers are counted in memory, not by CPU 0's interrupts: QEMU's 11MPCore GIC
   keeps one pending bit per SGI (no per-source state, source 0 in the acknowledge value), so
   SGIs 8 from several CPUs at once may merge. Last, SGI 15 tells each other CPU to stop
   (no answer); it then acknowledges with nothing pending and reads the spurious ID 1023. */
#include "smp.h"

#define SGI_ANSWER 8
#define SGI_STOP 15
#define MAXREC 4

static volatile u32 got[NCPUS][MAXREC];     /* acknowledge values, in arrival order */
static volatile u32 ngot[NCPUS];
static volatile u32 answers[NCPUS];         /* answers, by answering CPU */
static volatile u32 nanswers;
static volatile u32 doorbells;              /* SGI 8s CPU 0 took: not printed, they may merge */
static volatile u32 ready, stop[NCPUS], parked;
static volatile u32 spurious[NCPUS];

static void send_sgi(u32 filter, u32 targets, u32 id)
{
    dsb();
    REG32(GICD_SGIR) = filter << 24 | targets << 16 | id;
}

static void on_irq(int type, struct exc_frame *f)
{
    u32 cpu = cpu_id();
    u32 iar = REG32(GICC + GICC_IAR);
    u32 id = iar & 0x3ff;
    REG32(GICC + GICC_EOIR) = iar;
    if (id == SGI_ANSWER && cpu == 0) {
        doorbells++;
    } else if (id < 16) {
        if (ngot[cpu] < MAXREC) got[cpu][ngot[cpu]] = iar;
        ngot[cpu]++;
        if (id == SGI_STOP) {
            stop[cpu] = 1;
        } else {
            answers[cpu]++;
            atomic_add(&nanswers, 1);
            if (cpu != 0) send_sgi(0, 1, SGI_ANSWER);
        }
    }
    sev();
}

static void cpu_setup(void)
{
    gic_init_cpu();
    REG32(GICD_ISENABLE(0)) = 0xffff;   /* SGIs 0-15, banked: this CPU */
}

void secondary_main(u32 cpu)
{
    cpu_setup();
    atomic_add(&ready, 1);
    sev();
    wait_irq_until(&stop[cpu]);
    spurious[cpu] = REG32(GICC + GICC_IAR);
    atomic_add(&parked, 1);
    sev();
}

int main(void)
{
    exc_hooks[EXC_IRQ] = on_irq;
    gic_init_dist();
    cpu_setup();
    irq_enable();
    smp_start_secondaries();
    wait_until(&ready, NCPUS - 1);

    u32 expect = 0;
    for (u32 k = 1; k < NCPUS; k++) {      /* round 1: one CPU at a time, SGI k to CPU k */
        send_sgi(0, 1u << k, k);
        wait_until(&nanswers, ++expect);
    }
    send_sgi(1, 0, 5);                      /* round 2: everyone else */
    expect += NCPUS - 1;
    wait_until(&nanswers, expect);
    send_sgi(2, 0, 3);                      /* round 3: myself */
    wait_until(&nanswers, ++expect);

    for (u32 k = 1; k < NCPUS; k++) send_sgi(0, 1u << k, SGI_STOP);
    wait_until(&parked, NCPUS - 1);

    for (int c = 0; c < NCPUS; c++) {
        printf("cpu%d received %u:", c, ngot[c]);
        for (u32 i = 0; i < ngot[c] && i < MAXREC; i++)
            printf(" sgi%u (acknowledge %x)", got[c][i] & 0x3ff, got[c][i]);
        printf("\n");
    }
    for (int c = 0; c < NCPUS; c++) printf("cpu%d answered %u\n", c, answers[c]);
    printf("total answers %u\n", nanswers);
    for (int c = 1; c < NCPUS; c++) printf("cpu%d idle acknowledge: %u\n", c, spurious[c]);
    return 0;
}
