/* Writes a line to the hypervisor console (console_io, FLASK xen:writeconsole) every 100 ms of
 * system time, burning the CPU in between, until the toolstack ends it. Each line is one
 * console_io write and says how many earlier writes were refused, so a policy change made while
 * it runs (xl setbool guest_console_write) shows on both sides. */
#include "minios.h"

static char line[64];

/* Appends the decimal digits of v at p; returns the new end. */
static char *put_dec(char *p, unsigned v)
{
    char digits[10];
    int n = 0;
    do { digits[n++] = '0' + v % 10; v /= 10; } while (v);
    while (n) *p++ = digits[--n];
    return p;
}

static char *put_str(char *p, const char *s)
{
    while (*s) *p++ = *s++;
    return p;
}

int main(void)
{
    events_init(0);
    unsigned refused = 0;
    uint64_t next = system_time();
    for (unsigned n = 1; ; n++) {
        next += 100000000;
        while (system_time() < next)
            for (volatile int i = 0; i < 1000; i++) {}
        char *p = put_str(line, "chatter: line ");
        p = put_dec(p, n);
        p = put_str(p, ", refused ");
        p = put_dec(p, refused);
        *p++ = '\n';
        if (hypercall(__HYPERVISOR_console_io, 0, p - line, (uint32_t)line, 0) == -13) refused++;
    }
}
