#include "xen.h"
#include "console.h"

void print(const char *s)
{
    int n = 0;
    while (s[n]) n++;
    hypercall(__HYPERVISOR_console_io, 0, n, (uint32_t)s, 0);
}

void print_dec(const char *label, int value)
{
    char buf[16];
    int i = sizeof buf - 1;
    unsigned v = value < 0 ? -value : value;
    buf[i--] = 0;
    do { buf[i--] = '0' + v % 10; v /= 10; } while (v);
    if (value < 0) buf[i--] = '-';
    print(label);
    print(&buf[i + 1]);
    print("\n");
}
