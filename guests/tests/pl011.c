/* PL011 UARTs: reset values of every register, flag register bits, line
   control/baud/control read-back (on UART1, so UART0 output is not
   disturbed), the TX interrupt (raised at once because QEMU transmits
   instantly), masking and clearing, receive status, and the interrupt line
   reaching the VIC (UART0 = line 12, UART1 = 13). */
#include "rt.h"

#define U0 0x101f1000
#define U1 0x101f2000
#define DR 0x00
#define RSR 0x04
#define FR 0x18
#define ILPR 0x20
#define IBRD 0x24
#define FBRD 0x28
#define LCRH 0x2c
#define CR 0x30
#define IFLS 0x34
#define IMSC 0x38
#define RIS 0x3c
#define MIS 0x40
#define ICR 0x44
#define DMACR 0x48
#define VIC_RAWINTR 0x10140008

static const struct { const char *name; u32 off; } regs[] = {
    { "RSR", RSR }, { "FR", FR }, { "ILPR", ILPR }, { "IBRD", IBRD }, { "FBRD", FBRD },
    { "LCR_H", LCRH }, { "CR", CR }, { "IFLS", IFLS }, { "IMSC", IMSC }, { "RIS", RIS },
    { "MIS", MIS }, { "DMACR", DMACR },
};

static void dump(u32 base, const char *what)
{
    printf("%s:", what);
    for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++)
        printf(" %s=%x", regs[i].name, REG32(base + regs[i].off));
    uart_putc('\n');
}

int main(void)
{
    printf("pl011: start\n");
    dump(U0, "uart0 after output");
    dump(U1, "uart1 reset");
    REG32(U1 + IBRD) = 0x12345;
    REG32(U1 + FBRD) = 0xff;
    REG32(U1 + LCRH) = 0xff;
    REG32(U1 + CR) = 0xffff;
    REG32(U1 + IFLS) = 0xff;
    REG32(U1 + ILPR) = 0x1ff;
    REG32(U1 + DMACR) = 0xff;
    dump(U1, "uart1 after writing ~0");
    REG32(U1 + LCRH) = 0x70;   /* 8 bits, FIFOs on */
    REG32(U1 + CR) = 0x301;    /* enabled, TX and RX */
    REG32(U1 + DMACR) = 0;
    dump(U1, "uart1 8N1 fifo on");

    REG32(U1 + IMSC) = 1u << 5;   /* TX */
    dump(U1, "uart1 imsc=tx");
    printf("vic raw bit 13=%u\n", (REG32(VIC_RAWINTR) >> 13) & 1);
    REG32(U1 + DR) = 'x';
    dump(U1, "uart1 after a write");
    REG32(U1 + ICR) = 0x7ff;
    dump(U1, "uart1 after icr");
    printf("vic raw bit 13=%u\n", (REG32(VIC_RAWINTR) >> 13) & 1);
    REG32(U1 + IMSC) = 0x7ff;
    dump(U1, "uart1 imsc=all");
    REG32(U1 + IMSC) = 0;
    printf("vic raw bit 13=%u\n", (REG32(VIC_RAWINTR) >> 13) & 1);

    /* nothing to receive: DR reads 0 with RXFE set */
    printf("uart1 rx: dr=%x fr=%x\n", REG32(U1 + DR), REG32(U1 + FR));
    /* byte access to DR transmits the same way */
    *(volatile u8 *)(U0 + DR) = '!';
    *(volatile u8 *)(U0 + DR) = '\n';
    printf("uart0 fr as byte=%x halfword=%x\n", *(volatile u8 *)(U0 + FR), *(volatile u16 *)(U0 + FR));
    printf("pl011: done\n");
    return 0;
}
