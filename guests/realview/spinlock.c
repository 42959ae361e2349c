/* A spinlock on LDREX/STREX, waiting with WFE and releasing with SEV, protecting a shared
   two-word counter that all 4 CPUs increment (a torn update would show as a mismatch);
   plus an LDREX/STREX atomic add on a second counter without the lock. CPU 0 prints the
   totals and each CPU's share, which do not depend on how the CPUs interleave. Also checks
   that STREX fails without a matching LDREX, after CLREX, and after another STREX. */
#include "smp.h"

#define ROUNDS 20000

static spinlock_t lock;
static volatile u32 lo, hi;             /* updated together under the lock */
static volatile u32 atomic_total;
static volatile u32 mine[NCPUS];
static volatile u32 torn;
static volatile u32 finished;

static void worker(u32 cpu)
{
    for (u32 i = 0; i < ROUNDS; i++) {
        spin_lock(&lock);
        u32 l = lo, h = hi;
        if (l != h) torn++;
        lo = l + 1;
        hi = h + 1;
        mine[cpu]++;
        spin_unlock(&lock);
        atomic_add(&atomic_total, cpu + 1);
    }
    atomic_add(&finished, 1);
    sev();
}

void secondary_main(u32 cpu)
{
    worker(cpu);
}

static u32 strex_status(u32 *p, int with_ldrex, int clrex)
{
    u32 v = 0, fail;
    if (with_ldrex) __asm__ volatile("ldrex %0, [%1]" : "=&r"(v) : "r"(p) : "memory");
    if (clrex) __asm__ volatile("clrex" ::: "memory");
    __asm__ volatile("strex %0, %2, [%1]" : "=&r"(fail) : "r"(p), "r"(v + 1) : "memory");
    return fail;
}

int main(void)
{
    static u32 word;
    printf("STREX without LDREX: %u\n", strex_status(&word, 0, 0));
    printf("STREX after LDREX: %u\n", strex_status(&word, 1, 0));
    printf("second STREX: %u\n", strex_status(&word, 0, 0));
    printf("STREX after LDREX, CLREX: %u\n", strex_status(&word, 1, 1));
    printf("word=%u\n", word);

    smp_start_secondaries();
    worker(0);
    wait_until(&finished, NCPUS);
    printf("locked counter lo=%u hi=%u torn=%u\n", lo, hi, torn);
    for (int i = 0; i < NCPUS; i++) printf("cpu%d increments=%u\n", i, mine[i]);
    printf("atomic total=%u (expected %u)\n", atomic_total, ROUNDS * (1 + 2 + 3 + 4));
    printf("lock=%u\n", lock.v);
    return lo == NCPUS * ROUNDS && atomic_total == ROUNDS * 10 ? 0 : 1;
}
