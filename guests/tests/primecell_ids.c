/* PrimeCell peripheral and cell ID registers (0xFE0-0xFFC) of every device
   on the Versatile/PB map, and what an unmodelled or unassigned address
   reads as (no external abort on this board). */
#include "rt.h"

static const struct { const char *name; u32 base; } devices[] = {
    { "AACI PL041", 0x10004000 }, { "MMCI0 PL181", 0x10005000 }, { "KMI0 PL050", 0x10006000 },
    { "KMI1 PL050", 0x10007000 }, { "MMCI1 PL181", 0x1000b000 }, { "CLCD PL110", 0x10120000 },
    { "DMA PL080", 0x10130000 }, { "VIC PL190", 0x10140000 }, { "WDOG SP805", 0x101e1000 },
    { "TIMER01 SP804", 0x101e2000 }, { "TIMER23 SP804", 0x101e3000 }, { "GPIO0 PL061", 0x101e4000 },
    { "GPIO1 PL061", 0x101e5000 }, { "GPIO2 PL061", 0x101e6000 }, { "GPIO3 PL061", 0x101e7000 },
    { "RTC PL031", 0x101e8000 }, { "SCI PL131", 0x101f0000 }, { "UART0 PL011", 0x101f1000 },
    { "UART1 PL011", 0x101f2000 }, { "UART2 PL011", 0x101f3000 }, { "SSP PL022", 0x101f4000 },
};

static void dabt_hook(int type, struct exc_frame *f)
{
    printf(" [DABT fsr=%08x far=%08x]", CP15_READ(c5, 0, c0, 0), CP15_READ(c6, 0, c0, 0));
}

int main(void)
{
    printf("primecell_ids: start\n");
    exc_hooks[EXC_DABT] = dabt_hook;
    for (unsigned i = 0; i < sizeof devices / sizeof devices[0]; i++) {
        printf("%-14s %08x:", devices[i].name, devices[i].base);
        for (u32 off = 0xfe0; off < 0x1000; off += 4) printf(" %02x", REG32(devices[i].base + off));
        uart_putc('\n');
    }
    static const u32 holes[] = { 0x10008000, 0x101e9000, 0x101f5000, 0x20000000, 0x38000000, 0x90000000, 0xfffffff0 };
    for (unsigned i = 0; i < sizeof holes / sizeof holes[0]; i++) {
        printf("read %08x:", holes[i]);
        printf(" -> %08x\n", REG32(holes[i]));
    }
    printf("primecell_ids: done\n");
    return 0;
}
