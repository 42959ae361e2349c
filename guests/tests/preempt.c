/* Preemption: the ARM and Thumb workloads run while timer 0 interrupts them
   as IRQs (C handler through the runtime's stubs) and timer 2 as FIQs (an
   assembly handler that scribbles on the banked r8-r12). The results must
   equal an undisturbed run. How many interrupts arrive depends on host speed
   under QEMU, so only "some arrived" is printed. */
#include "rt.h"

#define ALG(name) arm_##name
#include "workload_algos.h"

void thumb_checksums(u8 *mem, u32 *words, u32 *out);
void fiq_install(void);
extern volatile u32 fiq_ticks;

static u8 mem[100000];
static u32 words[4096];
static volatile u32 irq_ticks;

#define T0 0x101e2000
#define T2 0x101e3000

static void arm_checksums(u32 *out)
{
    for (u32 i = 0; i < 65536; i++) mem[i] = (u8)(i * 131 + (i >> 7));
    out[0] = arm_crc32(mem, 65536);
    out[1] = arm_sieve(mem, 100000);
    out[2] = arm_fib(22);
    out[3] = arm_arith(777);
    out[4] = arm_interp(50000);
    u32 x = 7;
    for (u32 i = 0; i < 4096; i++) { x = x * 1103515245 + 12345; words[i] = x >> 8; }
    arm_sort(words, 4096);
    out[5] = words[0] ^ words[2048] ^ words[4095];
}

static void timer_irq(int type, struct exc_frame *f)
{
    REG32(T0 + 0x0c) = 1;
    irq_ticks++;
}

static void run(u32 *out)
{
    arm_checksums(out);
    thumb_checksums(mem, words, out + 6);
}

int main(void)
{
    printf("preempt: start\n");
    u32 quiet[12], busy[12];
    run(quiet);

    exc_hooks[EXC_IRQ] = timer_irq;
    fiq_install();
    REG32(0x1014000c) = 1u << 5;                 /* VIC: timer 2/3 is an FIQ */
    REG32(0x10140010) = (1u << 4) | (1u << 5);
    REG32(T0 + 0x00) = 97;                       /* IRQ every 97 us */
    REG32(T0 + 0x08) = 0xe2;                     /* enable, periodic, int, 32-bit */
    REG32(T2 + 0x00) = 131;                      /* FIQ every 131 us */
    REG32(T2 + 0x08) = 0xe2;
    set_cpsr_c(0x13);
    run(busy);
    set_cpsr_c(0xd3);
    REG32(T0 + 0x08) = 0;
    REG32(T2 + 0x08) = 0;
    REG32(0x10140014) = 0xffffffff;
    REG32(0x1014000c) = 0;

    for (int i = 0; i < 12; i++)
        printf("%s %u: %08x %s\n", i < 6 ? "arm" : "thumb", i % 6, busy[i], busy[i] == quiet[i] ? "same" : "DIFFERENT");
    printf("irqs arrived: %u, fiqs arrived: %u\n", irq_ticks > 0, fiq_ticks > 0);
    printf("preempt: done\n");
    return 0;
}
