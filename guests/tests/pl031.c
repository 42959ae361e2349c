/* PL031 real-time clock at 0x101e8000 (VIC 10). The counter follows host
   time, so only its relation to the load register is printed; match,
   control and interrupt registers are checked by read-back, and an alarm
   set one second ahead is waited for. */
#include "rt.h"

#define RTC 0x101e8000
#define DR 0x00
#define MR 0x04
#define LR 0x08
#define CR 0x0c
#define IMSC 0x10
#define RIS 0x14
#define MIS 0x18
#define ICR 0x1c

static void regs(const char *what)
{
    printf("%-24s mr=%08x lr=%08x cr=%x imsc=%x ris=%x mis=%x\n", what,
           REG32(RTC + MR), REG32(RTC + LR), REG32(RTC + CR), REG32(RTC + IMSC), REG32(RTC + RIS), REG32(RTC + MIS));
}

int main(void)
{
    printf("pl031: start\n");
    printf("dr after 2020: %u\n", REG32(RTC + DR) > 1577836800u);
    regs("reset (lr hidden)");
    REG32(RTC + LR) = 1000;
    u32 d = REG32(RTC + DR);
    printf("after lr=1000: dr-1000 in 0..1: %u\n", d - 1000 <= 1);
    REG32(RTC + MR) = 0x12345678;
    REG32(RTC + IMSC) = 3;
    REG32(RTC + CR) = 0;
    regs("mr, imsc=3, cr=0");
    REG32(RTC + IMSC) = 0;
    /* alarm a second ahead of now */
    REG32(RTC + ICR) = 1;
    REG32(RTC + MR) = REG32(RTC + DR) + 1;
    u32 fired = 0;
    for (u32 i = 0; i < 0xf0000000u && !fired; i++) fired = REG32(RTC + RIS) & 1;
    printf("alarm fired: %u mis (masked)=%x\n", fired, REG32(RTC + MIS));
    REG32(RTC + IMSC) = 1;
    printf("imsc=1 mis=%x vic raw bit 10=%u\n", REG32(RTC + MIS), (REG32(0x10140008) >> 10) & 1);
    REG32(RTC + ICR) = 1;
    printf("after icr ris=%x mis=%x vic raw bit 10=%u\n", REG32(RTC + RIS), REG32(RTC + MIS), (REG32(0x10140008) >> 10) & 1);
    REG32(RTC + IMSC) = 0;
    printf("pl031: done\n");
    return 0;
}
