/* UART0 (0x10009000 on realview-eb-mpcore) and semihosting with 4 CPUs: each other CPU
   writes a greeting into memory and sets its bit in SYS_FLAGS through SYS_FLAGSSET (set bits
   accumulate, so the order does not matter); CPU 0 prints the greetings in CPU order on
   UART0, the flags before and after a SYS_FLAGSCLR, UART0's PrimeCell ID, one line on the
   semihosting console (stderr) and exits through SYS_EXIT_EXTENDED with code 3 while the
   other CPUs sleep. */
#include "smp.h"

#define UART0 0x10009000
#define SYS_FLAGS 0x30
#define SYS_FLAGSSET 0x30
#define SYS_FLAGSCLR 0x34

static char greeting[NCPUS][32];
static volatile u32 reported;

void secondary_main(u32 cpu)
{
    const char *text = "hello from cpu ";
    int n = 0;
    while (text[n]) { greeting[cpu][n] = text[n]; n++; }
    greeting[cpu][n++] = (char)('0' + cpu);
    greeting[cpu][n] = 0;
    REG32(SYSCTL + SYS_FLAGSSET) = 0x10u << cpu;
    atomic_add(&reported, 1);
    sev();
}

int main(void)
{
    REG32(SYSCTL + SYS_FLAGSCLR) = 0xffffffff;
    printf("flags at start: %08x\n", REG32(SYSCTL + SYS_FLAGS));
    smp_start_secondaries();
    wait_until(&reported, NCPUS - 1);
    for (int c = 1; c < NCPUS; c++) printf("%s\n", greeting[c]);
    printf("flags after the others: %08x\n", REG32(SYSCTL + SYS_FLAGS));
    REG32(SYSCTL + SYS_FLAGSCLR) = 0x30;
    printf("flags after clearing 30: %08x\n", REG32(SYSCTL + SYS_FLAGS));
    printf("UART0 PrimeCell ID:");
    for (u32 off = 0xfe0; off < 0x1000; off += 4) printf(" %02x", REG32(UART0 + off));
    printf("\n");
    sh_call(SYS_WRITE0, (u32)"semihosting console from cpu 0\n");
    return 3;
}
