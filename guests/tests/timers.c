/* SP804 dual timers at 0x101e2000 (timers 0/1, VIC 4) and 0x101e3000
   (timers 2/3, VIC 5), 1 MHz on this board. Only what does not depend on
   how fast the host runs is printed: register read-back, the value before
   the timer starts, 16-bit wrapping of the load value, that the counter goes
   down, raw/masked interrupt status once an expiry has been waited for,
   interrupt clear, one-shot stopping, and a count of periodic interrupts
   taken through the VIC (the CPU waits for them with WFI). */
#include "rt.h"

#define T0 0x101e2000
#define T1 0x101e2020
#define T2 0x101e3000
#define LOAD 0x00
#define VALUE 0x04
#define CTRL 0x08
#define INTCLR 0x0c
#define RIS 0x10
#define MIS 0x14
#define BGLOAD 0x18

#define EN (1u << 7)
#define PERIODIC (1u << 6)
#define INTEN (1u << 5)
#define SIZE32 (1u << 1)
#define ONESHOT (1u << 0)

#define VIC_INTENABLE 0x10140010
#define VIC_INTENCLEAR 0x10140014
#define VIC_RAWINTR 0x10140008

static void regs(u32 t, const char *what)
{
    printf("%-30s ctrl=%08x ris=%u mis=%u\n", what, REG32(t + CTRL), REG32(t + RIS), REG32(t + MIS));
}

/* wait (bounded) for the raw interrupt bit; report whether it came */
static int wait_ris(u32 t)
{
    for (u32 i = 0; i < 200000000; i++)
        if (REG32(t + RIS) & 1) return 1;
    return 0;
}

static void readback(void)
{
    regs(T0, "timer0 reset");
    regs(T1, "timer1 reset");
    printf("timer0 reset load=%08x value=%08x bgload=%08x\n", REG32(T0 + LOAD), REG32(T0 + VALUE), REG32(T0 + BGLOAD));
    REG32(T0 + CTRL) = SIZE32 | INTEN | (2u << 2);
    REG32(T0 + LOAD) = 0x12345678;
    printf("stopped, load 12345678: load=%08x value=%08x ctrl=%08x\n", REG32(T0 + LOAD), REG32(T0 + VALUE), REG32(T0 + CTRL));
    REG32(T0 + BGLOAD) = 0x00abcdef;
    printf("bgload abcdef: load=%08x value=%08x bgload=%08x\n", REG32(T0 + LOAD), REG32(T0 + VALUE), REG32(T0 + BGLOAD));
    REG32(T0 + CTRL) = INTEN;   /* 16-bit counter */
    REG32(T0 + LOAD) = 0x00123456;
    printf("16-bit, load 123456: load=%08x value=%08x\n", REG32(T0 + LOAD), REG32(T0 + VALUE));
    REG32(T0 + CTRL) = 0;
}

static void counting(void)
{
    REG32(T0 + CTRL) = SIZE32;
    REG32(T0 + LOAD) = 0xffffffff;
    REG32(T0 + CTRL) = EN | SIZE32 | PERIODIC;
    u32 a = REG32(T0 + VALUE), b = a;
    for (int i = 0; i < 10000000 && b == a; i++) b = REG32(T0 + VALUE);
    printf("32-bit free count: changed=%u going down=%u\n", b != a, b < a);
    REG32(T0 + CTRL) = 0;
    u32 c = REG32(T0 + VALUE), d = REG32(T0 + VALUE);
    printf("stopped: value holds=%u\n", c == d);
}

static void oneshot(void)
{
    REG32(T0 + INTCLR) = 1;
    REG32(T0 + LOAD) = 50;
    REG32(T0 + CTRL) = EN | SIZE32 | ONESHOT;   /* interrupt not enabled */
    printf("oneshot 50us expired=%d\n", wait_ris(T0));
    regs(T0, "oneshot after expiry, inten=0");
    printf("oneshot after expiry value=%08x\n", REG32(T0 + VALUE));
    REG32(T0 + CTRL) |= INTEN;
    regs(T0, "inten=1");
    printf("vic raw bit 4=%u\n", (REG32(VIC_RAWINTR) >> 4) & 1);
    REG32(T0 + INTCLR) = 0;   /* any write clears */
    regs(T0, "after intclr");
    printf("vic raw bit 4=%u\n", (REG32(VIC_RAWINTR) >> 4) & 1);
    REG32(T0 + CTRL) = 0;

    /* prescale /16 and /256 still expire */
    for (u32 p = 1; p < 3; p++) {
        REG32(T1 + INTCLR) = 1;
        REG32(T1 + LOAD) = 4;
        REG32(T1 + CTRL) = EN | SIZE32 | ONESHOT | (p << 2);
        printf("timer1 oneshot prescale %u expired=%d\n", p, wait_ris(T1));
        REG32(T1 + CTRL) = 0;
        REG32(T1 + INTCLR) = 1;
    }
}

static volatile u32 ticks;

static void timer_irq(int type, struct exc_frame *f)
{
    u32 mis = REG32(T2 + MIS);
    if (mis) {
        ticks++;
        REG32(T2 + INTCLR) = 1;
    }
}

static void periodic_interrupts(void)
{
    exc_hooks[EXC_IRQ] = timer_irq;
    REG32(T2 + INTCLR) = 1;
    REG32(T2 + LOAD) = 200;
    REG32(VIC_INTENABLE) = 1u << 5;
    REG32(T2 + CTRL) = EN | SIZE32 | PERIODIC | INTEN;
    set_cpsr_c(0x53);   /* IRQ on */
    while (ticks < 5) __asm__ volatile("mcr p15, 0, %0, c7, c0, 4" :: "r"(0));   /* wait for interrupt */
    set_cpsr_c(0xd3);
    REG32(T2 + CTRL) = 0;
    u32 seen = ticks;
    REG32(VIC_INTENCLEAR) = 1u << 5;
    printf("periodic: took at least 5 interrupts: %u, load still=%u\n", seen >= 5, REG32(T2 + LOAD));
    regs(T2, "timer2 stopped");
    exc_hooks[EXC_IRQ] = 0;
}

int main(void)
{
    printf("timers: start\n");
    readback();
    counting();
    oneshot();
    periodic_interrupts();
    printf("timers: done\n");
    return 0;
}
