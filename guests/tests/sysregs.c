/* Versatile system registers (0x10000000): identification, the lock
   protocol, flag registers (set/clear pairs), the registers that only read
   back what was written, and the read-only ones. The free-running 100 Hz
   and 24 MHz counters are printed only as "advancing". */
#include "rt.h"

#define SYS 0x10000000

static const struct { const char *name; u32 off; } regs[] = {
    { "ID", 0x00 }, { "SW", 0x04 }, { "LED", 0x08 }, { "OSC0", 0x0c }, { "OSC1", 0x10 },
    { "OSC2", 0x14 }, { "OSC3", 0x18 }, { "OSC4", 0x1c }, { "LOCK", 0x20 }, { "CFGDATA1", 0x28 },
    { "CFGDATA2", 0x2c }, { "FLAGS", 0x30 }, { "NVFLAGS", 0x38 }, { "RESETCTL", 0x40 },
    { "PCICTL", 0x44 }, { "MCI", 0x48 }, { "FLASH", 0x4c }, { "CLCD", 0x50 }, { "CLCDSER", 0x54 },
    { "BOOTCS", 0x58 }, { "MISC", 0x60 }, { "DMAPSR0", 0x64 }, { "DMAPSR1", 0x68 },
    { "DMAPSR2", 0x6c }, { "IOSEL", 0x70 }, { "PLDCTL1", 0x74 }, { "PLDCTL2", 0x78 },
    { "BUSID", 0x80 }, { "PROCID0", 0x84 }, { "PROCID1", 0x88 }, { "OSCRESET0", 0x8c },
    { "OSCRESET1", 0x90 }, { "OSCRESET2", 0x94 }, { "OSCRESET3", 0x98 }, { "OSCRESET4", 0x9c },
    { "TEST_OSC0", 0xc0 }, { "SYS_CFGDATA", 0xa0 }, { "SYS_CFGCTRL", 0xa4 }, { "SYS_CFGSTAT", 0xa8 },
};

static void dump(void)
{
    for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++)
        printf("%-12s +%02x = %08x\n", regs[i].name, regs[i].off, REG32(SYS + regs[i].off));
}

static void flags(void)
{
    REG32(SYS + 0x30) = 0x0000ff0f;
    printf("FLAGS after set 0000ff0f: %08x\n", REG32(SYS + 0x30));
    REG32(SYS + 0x34) = 0x00000f0f;
    printf("FLAGS after clear 00000f0f: %08x\n", REG32(SYS + 0x30));
    REG32(SYS + 0x34) = 0xffffffff;
    REG32(SYS + 0x38) = 0x12340000;
    printf("NVFLAGS after set 12340000: %08x\n", REG32(SYS + 0x38));
    REG32(SYS + 0x3c) = 0x10000000;
    printf("NVFLAGS after clear 10000000: %08x\n", REG32(SYS + 0x38));
}

static void lock(void)
{
    printf("LOCK at start: %08x\n", REG32(SYS + 0x20));
    REG32(SYS + 0x20) = 0xa05f;
    printf("LOCK after a05f: %08x\n", REG32(SYS + 0x20));
    REG32(SYS + 0x0c) = 0x00012345;   /* OSC0 is writable only when unlocked */
    printf("OSC0 unlocked write 12345: %08x\n", REG32(SYS + 0x0c));
    REG32(SYS + 0x20) = 0;
    printf("LOCK after 0: %08x\n", REG32(SYS + 0x20));
    REG32(SYS + 0x0c) = 0x00054321;
    printf("OSC0 locked write 54321: %08x\n", REG32(SYS + 0x0c));
    REG32(SYS + 0x20) = 0x1234;
    printf("LOCK after 1234: %08x\n", REG32(SYS + 0x20));
}

static void writable(void)
{
    static const u32 offs[] = { 0x08, 0x50, 0x54, 0x48, 0x4c, 0x44, 0x28, 0x2c };
    for (unsigned i = 0; i < sizeof offs / sizeof offs[0]; i++) {
        u32 old = REG32(SYS + offs[i]);
        REG32(SYS + offs[i]) = 0xa5a5a5a5;
        printf("write a5a5a5a5 to +%02x: %08x -> %08x\n", offs[i], old, REG32(SYS + offs[i]));
    }
}

static void counters(void)
{
    u32 a = REG32(SYS + 0x5c), h = REG32(SYS + 0x24);
    u32 b = a;
    for (int i = 0; i < 1000000 && b == a; i++) b = REG32(SYS + 0x5c);
    printf("24MHz counter advancing: %d\n", b != a);
    u32 h2 = h;
    for (int i = 0; i < 1000000 && h2 == h; i++) h2 = REG32(SYS + 0x24);
    printf("100Hz counter advancing: %d (reads %08x)\n", h2 != h, h2);
}

int main(void)
{
    printf("sysregs: start\n");
    dump();
    flags();
    lock();
    writable();
    counters();
    printf("sysregs: done\n");
    return 0;
}
