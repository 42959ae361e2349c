/* PL190 VIC and the Versatile secondary controller (SIC), polled with the
   CPU's IRQ/FIQ masked: raw and masked status, enable set/clear, select
   IRQ/FIQ, software interrupts, vectored addresses with priorities and the
   end-of-interrupt write, the default vector, and the SIC feeding VIC line
   31 plus its pass-through lines 21-30. */
#include "rt.h"

#define VIC 0x10140000
#define V(off) REG32(VIC + (off))
#define IRQSTATUS 0x00
#define FIQSTATUS 0x04
#define RAWINTR 0x08
#define INTSELECT 0x0c
#define INTENABLE 0x10
#define INTENCLEAR 0x14
#define SOFTINT 0x18
#define SOFTINTCLEAR 0x1c
#define PROTECTION 0x20
#define VECTADDR 0x30
#define DEFVECTADDR 0x34
#define VECTADDRn(n) (0x100 + 4 * (n))
#define VECTCNTLn(n) (0x200 + 4 * (n))

#define SIC 0x10003000
#define S(off) REG32(SIC + (off))

static void state(const char *what)
{
    printf("%-34s raw=%08x irq=%08x fiq=%08x en=%08x sel=%08x soft=%08x\n", what,
           V(RAWINTR), V(IRQSTATUS), V(FIQSTATUS), V(INTENABLE), V(INTSELECT), V(SOFTINT));
}

static void basics(void)
{
    state("reset");
    printf("protection=%08x vectaddr=%08x defvectaddr=%08x\n", V(PROTECTION), V(VECTADDR), V(DEFVECTADDR));
    V(SOFTINT) = 0x00000022;
    state("softint 1,5");
    V(INTENABLE) = 0x00000006;
    state("enable 1,2");
    V(INTENABLE) = 0x00000020;
    state("enable 5 (enables accumulate)");
    V(INTSELECT) = 0x00000020;
    state("select 5 as FIQ");
    V(INTENCLEAR) = 0x00000002;
    state("enclear 1");
    V(SOFTINTCLEAR) = 0x00000020;
    state("softintclear 5");
    V(SOFTINTCLEAR) = 0xffffffff;
    V(INTENCLEAR) = 0xffffffff;
    V(INTSELECT) = 0;
    state("all cleared");
}

static void vectored(void)
{
    V(DEFVECTADDR) = 0xdef00000;
    V(VECTADDRn(0)) = 0x00000900;   /* slot 0 (highest priority): line 9 */
    V(VECTCNTLn(0)) = 0x20 | 9;
    V(VECTADDRn(1)) = 0x00000500;   /* slot 1: line 5 */
    V(VECTCNTLn(1)) = 0x20 | 5;
    V(VECTADDRn(2)) = 0x00000700;   /* slot 2: line 7, but not enabled in its slot */
    V(VECTCNTLn(2)) = 7;
    printf("slot regs: %08x %08x %08x / %08x %08x %08x\n", V(VECTADDRn(0)), V(VECTADDRn(1)), V(VECTADDRn(2)),
           V(VECTCNTLn(0)), V(VECTCNTLn(1)), V(VECTCNTLn(2)));
    V(INTENABLE) = (1u << 5) | (1u << 7) | (1u << 9) | (1u << 11);
    printf("nothing pending: vectaddr=%08x\n", V(VECTADDR));
    V(VECTADDR) = 0;
    V(SOFTINT) = 1u << 5;
    printf("line 5 pending: vectaddr=%08x\n", V(VECTADDR));
    V(SOFTINT) = 1u << 9;
    printf("line 9 pending while 5 in service: vectaddr=%08x\n", V(VECTADDR));
    V(SOFTINTCLEAR) = 1u << 9;
    V(VECTADDR) = 0;   /* end of 9 */
    V(SOFTINTCLEAR) = 1u << 5;
    V(VECTADDR) = 0;   /* end of 5 */
    V(SOFTINT) = (1u << 5) | (1u << 9);
    printf("lines 5+9 pending: vectaddr=%08x\n", V(VECTADDR));
    V(SOFTINTCLEAR) = 1u << 9;
    V(VECTADDR) = 0;
    printf("after ending 9: vectaddr=%08x\n", V(VECTADDR));
    V(SOFTINTCLEAR) = 1u << 5;
    V(VECTADDR) = 0;
    V(SOFTINT) = 1u << 7;
    printf("line 7 (slot disabled): vectaddr=%08x\n", V(VECTADDR));
    V(SOFTINTCLEAR) = 1u << 7;
    V(VECTADDR) = 0;
    V(SOFTINT) = 1u << 11;
    printf("line 11 (no slot): vectaddr=%08x\n", V(VECTADDR));
    V(SOFTINTCLEAR) = 0xffffffff;
    V(VECTADDR) = 0;
    V(INTENCLEAR) = 0xffffffff;
    printf("idle: vectaddr=%08x\n", V(VECTADDR));
}

static void sic_state(const char *what)
{
    printf("%-34s sic status=%08x raw=%08x enable=%08x picenable=%08x | vic raw=%08x\n", what,
           S(0x00), S(0x04), S(0x08), S(0x20), V(RAWINTR));
}

static void secondary(void)
{
    sic_state("sic reset");
    S(0x10) = 1u << 3;
    sic_state("sic softint 3");
    S(0x08) = 1u << 3;
    sic_state("sic enable 3");
    S(0x0c) = 1u << 3;
    sic_state("sic enclear 3");
    S(0x14) = 1u << 3;
    S(0x10) = 1u << 25;
    S(0x08) = 1u << 25;
    sic_state("sic softint+enable 25");
    S(0x20) = 1u << 25;
    sic_state("sic picenable 25 (pass-through)");
    S(0x24) = 1u << 25;
    sic_state("sic picenclear 25");
    S(0x14) = 0xffffffff;
    S(0x0c) = 0xffffffff;
    sic_state("sic cleared");
}

int main(void)
{
    printf("vic: start\n");
    basics();
    vectored();
    secondary();
    printf("vic: done\n");
    return 0;
}
