/* PL011 UART0 output, polled: wait while the TX FIFO is full, then write. */
#include "rt.h"
#include <stdarg.h>

/* Versatile/PB's UART0 unless the build names another board's (realview: 0x10009000) */
#ifndef UART0_BASE
#define UART0_BASE 0x101f1000
#endif
#define UART0_DR (UART0_BASE + 0x00)
#define UART0_FR (UART0_BASE + 0x18)
#define FR_TXFF (1u << 5)

void uart_putc(int c)
{
    while (REG32(UART0_FR) & FR_TXFF) { }
    REG32(UART0_DR) = (u8)c;
}

void uart_puts(const char *s)
{
    while (*s) uart_putc(*s++);
}

static void put_unsigned(u32 v, u32 base, int width, char pad)
{
    char buf[12];
    int n = 0;
    do {
        u32 d = v % base;
        buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    while (n < width--) uart_putc(pad);
    while (n) uart_putc(buf[--n]);
}

static void put_padded(const char *s, int width, int left)
{
    int n = 0;
    while (s[n]) n++;
    if (!left) for (int i = n; i < width; i++) uart_putc(' ');
    uart_puts(s);
    if (left) for (int i = n; i < width; i++) uart_putc(' ');
}

/* Supports %c %s %d %u %x, flags '0' (zero pad), '-' (left-justify %s) and
   '+' (sign on %d), and a width, e.g. %08x, %-20s, %+d. */
void printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') { uart_putc(*fmt); continue; }
        fmt++;
        char pad = ' ';
        int width = 0, left = 0, plus = 0;
        for (;; fmt++) {
            if (*fmt == '0') pad = '0';
            else if (*fmt == '-') left = 1;
            else if (*fmt == '+') plus = 1;
            else break;
        }
        while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 'c': uart_putc(va_arg(ap, int)); break;
        case 's': put_padded(va_arg(ap, const char *), width, left); break;
        case 'u': put_unsigned(va_arg(ap, u32), 10, width, pad); break;
        case 'x': put_unsigned(va_arg(ap, u32), 16, width, pad); break;
        case 'd': {
            s32 v = va_arg(ap, s32);
            if (v < 0) { uart_putc('-'); put_unsigned(0u - (u32)v, 10, width, pad); }
            else { if (plus) uart_putc('+'); put_unsigned((u32)v, 10, width, pad); }
            break;
        }
        case '%': uart_putc('%'); break;
        default: uart_putc('?'); break;
        }
    }
    va_end(ap);
}

void print_flags(u32 psr)
{
    const char *names = "nzcvq";
    for (int i = 0; i < 5; i++) {
        int set = (psr >> (31 - i)) & 1;
        uart_putc(set ? names[i] - 32 : names[i]);
    }
}
