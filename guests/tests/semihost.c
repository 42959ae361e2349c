/* Semihosting calls other than exit: console output (WRITEC, WRITE0, WRITE to
   ":tt"), a file's life cycle (OPEN, WRITE, SEEK, FLEN, READ, ISTTY, CLOSE,
   RENAME, REMOVE), ERRNO after failures, ISERROR, GET_CMDLINE, HEAPINFO,
   TICKFREQ, and CLOCK/TIME/ELAPSED reduced to what is deterministic.
   Console bytes go to QEMU's stderr (golden .err); results go to the UART.
   Files are created in QEMU's working directory (a fresh temp dir). */
#include "rt.h"

static u32 strlen_(const char *s) { u32 n = 0; while (s[n]) n++; return n; }

static s32 sh_open(const char *name, u32 mode)
{
    u32 a[3] = { (u32)name, mode, strlen_(name) };
    return (s32)sh_call(SYS_OPEN, (u32)a);
}

static s32 sh_write(s32 fd, const void *p, u32 n)
{
    u32 a[3] = { (u32)fd, (u32)p, n };
    return (s32)sh_call(SYS_WRITE, (u32)a);
}

static s32 sh_read(s32 fd, void *p, u32 n)
{
    u32 a[3] = { (u32)fd, (u32)p, n };
    return (s32)sh_call(SYS_READ, (u32)a);
}

static s32 sh_1(u32 op, u32 x)
{
    u32 a[1] = { x };
    return (s32)sh_call(op, (u32)a);
}

static s32 sh_2(u32 op, u32 x, u32 y)
{
    u32 a[2] = { x, y };
    return (s32)sh_call(op, (u32)a);
}

static void console(void)
{
    sh_call(SYS_WRITEC, (u32)"A");
    sh_call(SYS_WRITEC, (u32)"\n");
    sh_call(SYS_WRITE0, (u32)"write0 line\n");
    s32 tt = sh_open(":tt", 4);   /* mode 4 = "w" */
    printf("open :tt w -> %d istty=%d\n", tt, sh_1(SYS_ISTTY, (u32)tt));
    printf("write :tt -> %d\n", sh_write(tt, "tt write\n", 9));
    printf("close :tt -> %d\n", sh_1(SYS_CLOSE, (u32)tt));
    s32 tte = sh_open(":tt", 8);  /* mode 8 = "a": stderr */
    printf("open :tt a -> %d write -> %d\n", tte, sh_write(tte, "tt append\n", 10));
    sh_1(SYS_CLOSE, (u32)tte);
}

static void files(void)
{
    static char data[64];
    const char *name = "semihost-test.tmp";
    s32 fd = sh_open(name, 6);    /* mode 6 = "w+" */
    printf("open w+ -> %s\n", fd >= 0 ? "ok" : "fail");
    printf("istty file -> %d\n", sh_1(SYS_ISTTY, (u32)fd));
    printf("write 26 -> %d (bytes not written)\n", sh_write(fd, "abcdefghijklmnopqrstuvwxyz", 26));
    printf("flen -> %d\n", sh_1(SYS_FLEN, (u32)fd));
    printf("seek 10 -> %d\n", sh_2(SYS_SEEK, (u32)fd, 10));
    s32 left = sh_read(fd, data, 5);
    data[5] = 0;
    printf("read 5 -> %d \"%s\"\n", left, data);
    printf("seek 24 -> %d\n", sh_2(SYS_SEEK, (u32)fd, 24));
    left = sh_read(fd, data, 10);
    data[2] = 0;
    printf("read 10 at 24 -> %d \"%s\"\n", left, data);
    printf("read at eof -> %d\n", sh_read(fd, data, 4));
    printf("close -> %d\n", sh_1(SYS_CLOSE, (u32)fd));
    printf("close again -> %d errno=%d\n", sh_1(SYS_CLOSE, (u32)fd), (s32)sh_call(SYS_ERRNO, 0));

    const char *other = "semihost-renamed.tmp";
    u32 ren[4] = { (u32)name, strlen_(name), (u32)other, strlen_(other) };
    printf("rename -> %d\n", (s32)sh_call(SYS_RENAME, (u32)ren));
    printf("open old name r -> %d errno=%d\n", sh_open(name, 0), (s32)sh_call(SYS_ERRNO, 0));
    fd = sh_open(other, 1);       /* mode 1 = "rb" */
    printf("open new name rb -> %s flen=%d\n", fd >= 0 ? "ok" : "fail", sh_1(SYS_FLEN, (u32)fd));
    sh_1(SYS_CLOSE, (u32)fd);
    printf("remove -> %d\n", sh_2(SYS_REMOVE, (u32)other, strlen_(other)));
    printf("remove again -> %d errno=%d\n", sh_2(SYS_REMOVE, (u32)other, strlen_(other)),
           (s32)sh_call(SYS_ERRNO, 0));
    for (s32 v = -2; v <= 1; v++) printf("iserror %d -> %d\n", v, sh_1(SYS_ISERROR, (u32)v));
}

static void environment(void)
{
    static char cmd[256];
    u32 a[2] = { (u32)cmd, sizeof cmd };
    s32 r = (s32)sh_call(SYS_GET_CMDLINE, (u32)a);
    /* the command line holds the kernel path, which depends on where the image
       lives: print only how it ends */
    const char *tail = a[1] >= 12 ? cmd + a[1] - 12 : cmd;
    printf("get_cmdline -> %d ends \"%s\" nul=%d\n", r, tail, cmd[a[1]] == 0);
    u32 small[2] = { (u32)cmd, 4 };
    r = (s32)sh_call(SYS_GET_CMDLINE, (u32)small);
    printf("get_cmdline small buffer -> %d errno=%d\n", r, (s32)sh_call(SYS_ERRNO, 0));

    u32 heap[4] = { 0 };
    u32 hp = (u32)heap;
    r = (s32)sh_call(SYS_HEAPINFO, (u32)&hp);
    printf("heapinfo -> %d heap=%08x..%08x stack=%08x..%08x\n", r, heap[0], heap[1], heap[2], heap[3]);

    printf("tickfreq -> %d\n", (s32)sh_call(SYS_TICKFREQ, 0));
    s32 clk = (s32)sh_call(SYS_CLOCK, 0);
    printf("clock non-negative -> %d\n", clk >= 0);
    u32 t = sh_call(SYS_TIME, 0);
    printf("time after 2020 -> %d\n", t > 1577836800u);
    u32 el[2] = { 0, 0 };
    printf("elapsed -> %d\n", (s32)sh_call(SYS_ELAPSED, (u32)el));
}

int main(void)
{
    printf("semihost: start\n");
    console();
    files();
    environment();
    printf("semihost: done\n");
    return 5;   /* through SYS_EXIT_EXTENDED: the exit code is 5 */
}
