/* The same integer kernel (a CRC, a sieve, an 8x8 matrix multiply) on every CPU the SCU
   reports, each on its own data, no sharing but the completion count. CPU 0 prints each
   CPU's checksum, which does not depend on how the CPUs interleave. Built with a larger
   ROUNDS it is also the SMP speed workload (docs/testing.md, "SMP speed"). */
#include "smp.h"

#ifndef ROUNDS
#define ROUNDS 12
#endif

struct work {
    unsigned char sieve[2048];
    u32 a[8][8], b[8][8], c[8][8];
    u32 checksum;
} __attribute__((aligned(64)));

static struct work work[NCPUS];
static volatile u32 finished;

static u32 crc32(const unsigned char *p, u32 n, u32 crc)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

static u32 primes(struct work *w)
{
    u32 count = 0;
    for (u32 i = 0; i < sizeof w->sieve; i++) w->sieve[i] = 1;
    for (u32 i = 2; i < sizeof w->sieve; i++) {
        if (!w->sieve[i]) continue;
        count++;
        for (u32 j = i * 2; j < sizeof w->sieve; j += i) w->sieve[j] = 0;
    }
    return count;
}

static u32 matmul(struct work *w, u32 seed)
{
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) { w->a[i][j] = seed + i * 3 + j; w->b[i][j] = seed ^ (i + j * 5); }
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            u32 s = 0;
            for (int k = 0; k < 8; k++) s += w->a[i][k] * w->b[k][j];
            w->c[i][j] = s;
        }
    return w->c[3][5];
}

static void run(u32 cpu)
{
    struct work *w = &work[cpu];
    u32 sum = cpu;
    for (u32 r = 0; r < ROUNDS; r++) {
        sum += primes(w);
        sum = crc32(w->sieve, sizeof w->sieve, sum);
        sum += matmul(w, sum + r);
    }
    w->checksum = sum;
    atomic_add(&finished, 1);
    sev();
}

void secondary_main(u32 cpu)
{
    run(cpu);
}

int main(void)
{
    u32 cpus = (REG32(SCU_CONFIG) & 3) + 1;
    smp_start_secondaries();
    run(0);
    wait_until(&finished, cpus);
    printf("smpwork: %u CPUs, %u rounds each\n", cpus, ROUNDS);
    for (u32 i = 0; i < cpus; i++) printf("cpu%u checksum %08x\n", i, work[i].checksum);
    return 0;
}
