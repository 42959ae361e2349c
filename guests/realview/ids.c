/* Identification on realview-eb-mpcore with 4 CPUs: every CPU reports its MIDR, MPIDR and
   the cache type register through memory; CPU 0 prints them in CPU order, then the board's
   SYS_ID and PROCIDs and the SCU's control and configuration (CPU count, SMP bits). Each
   CPU also writes its number into its own private timer's load register through the
   "this CPU" window, and CPU 0 reads all four back through the per-CPU windows. */
#include "smp.h"

static volatile u32 midr[NCPUS], mpidr[NCPUS], ctr[NCPUS];
static volatile u32 reported;

void secondary_main(u32 cpu)
{
    midr[cpu] = CP15_READ(c0, 0, c0, 0);
    mpidr[cpu] = CP15_READ(c0, 0, c0, 5);
    ctr[cpu] = CP15_READ(c0, 0, c0, 1);
    REG32(TIMER + TM_LOAD) = 0x100 + cpu;
    REG32(WDOG + TM_LOAD) = 0x200 + cpu;
    atomic_add(&reported, 1);
    sev();
}

int main(void)
{
    secondary_main(0);
    smp_start_secondaries();
    wait_until(&reported, NCPUS);
    for (int i = 0; i < NCPUS; i++)
        printf("cpu%d MIDR=%08x MPIDR=%08x CTR=%08x\n", i, midr[i], mpidr[i], ctr[i]);
    for (int i = 0; i < NCPUS; i++)
        printf("cpu%d private timer load=%x watchdog load=%x\n", i,
               REG32(TIMER_CPU(i) + TM_LOAD), REG32(WDOG_CPU(i) + TM_LOAD));
    printf("SYS_ID=%08x PROCID0=%08x PROCID1=%08x\n", REG32(SYSCTL + 0x00), REG32(SYSCTL + 0x84),
           REG32(SYSCTL + 0x88));
    printf("SCU control=%08x config=%08x status=%08x\n", REG32(SCU_CTRL), REG32(SCU_CONFIG),
           REG32(PERIPH + 0x08));
    REG32(SCU_CTRL) = 0xffffffff;
    printf("SCU control after writing ffffffff: %08x\n", REG32(SCU_CTRL));
    printf("GIC distributor type=%08x\n", REG32(GICD_TYPE));
    return 0;
}
