/* Shared by the workloads: reads the iteration count from the semihosting command line. */
extern int semihost(int op, void *arg);

static char cmdline[256];

unsigned read_iterations(void)
{
    struct { char *buf; unsigned len; } block = { cmdline, sizeof cmdline };
    if (semihost(0x15 /* SYS_GET_CMDLINE */, &block) != 0) return 1;
    unsigned n = 0, last = 1;
    for (unsigned i = 0; i < block.len && cmdline[i]; i++) {
        char c = cmdline[i];
        if (c >= '0' && c <= '9') n = n * 10 + (unsigned)(c - '0');
        else { if (n) last = n; n = 0; }
    }
    return n ? n : last;
}
