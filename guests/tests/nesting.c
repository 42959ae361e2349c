/* Exceptions taken from every privileged mode (UND, BKPT, SVC and an
   alignment data abort, each from FIQ, IRQ, ABT, UND, SYS and SVC) and
   exceptions nested inside handlers (an SVC issued by an SVC handler, an
   undefined instruction inside a data abort handler): the SPSR each one
   saves names the mode it came from, and the interrupted mode's own lr
   and SPSR survive (except where the exception's mode is the same one). */
#include "rt.h"

void from_mode(u32 mode, u32 kind, u32 *after);

static void report(int type, struct exc_frame *f)
{
    printf("  %s taken: spsr=%08x mode now %02x", exc_names[type], f->spsr, get_cpsr() & 0x1f);
}

static void svc_nested(int type, struct exc_frame *f)
{
    u32 imm = *(u32 *)(f->lr - 4) & 0xffffff;
    printf("  svc #%u entered, spsr=%08x\n", imm, f->spsr);
    if (imm == 1) {
        __asm__ volatile("svc #2" ::: "lr", "memory");
        printf("  back in svc #1 handler, its own return still intact\n");
    }
}

static void dabt_with_und(int type, struct exc_frame *f)
{
    printf("  dabt handler: spsr=%08x, raising UND inside\n", f->spsr);
    __asm__ volatile(".word 0xe7f000f0" ::: "memory");
    printf("  dabt handler continues\n");
}

int main(void)
{
    static const u32 modes[] = { 0x11, 0x12, 0x17, 0x1b, 0x1f, 0x13 };
    static const char *const kinds[] = { "UND", "BKPT", "SVC", "DABT" };
    printf("nesting: start\n");
    exc_hooks[EXC_UND] = report;
    exc_hooks[EXC_PABT] = report;
    exc_hooks[EXC_SVC] = report;
    exc_hooks[EXC_DABT] = report;
    for (int m = 0; m < 6; m++)
        for (u32 k = 0; k < 4; k++) {
            u32 after[2];
            if (k == 3) CP15_WRITE(c1, 0, c0, 0, CP15_READ(c1, 0, c0, 0) | 2);
            printf("%s from mode %02x:", kinds[k], modes[m]);
            from_mode(modes[m], k, after);
            CP15_WRITE(c1, 0, c0, 0, CP15_READ(c1, 0, c0, 0) & ~2u);
            printf(" | that mode's lr=%08x spsr=%08x\n", after[0], after[1]);
        }

    exc_hooks[EXC_SVC] = svc_nested;
    u32 r0v;
    __asm__ volatile("mov r0, #0x55\n\tsvc #1\n\tmov %0, r0" : "=r"(r0v) :: "r0", "lr", "memory");
    printf("after nested svc: r0=%x\n", r0v);

    exc_hooks[EXC_DABT] = dabt_with_und;
    exc_hooks[EXC_UND] = report;
    CP15_WRITE(c1, 0, c0, 0, CP15_READ(c1, 0, c0, 0) | 2);
    u32 v = 0, w[2] = { 1, 2 };
    __asm__ volatile("ldr %0, [%1, #1]" : "+r"(v) : "r"(w) : "memory");
    CP15_WRITE(c1, 0, c0, 0, CP15_READ(c1, 0, c0, 0) & ~2u);
    uart_putc('\n');
    printf("after dabt+und: v=%x\n", v);
    printf("nesting: done");
    for (int i = 0; i < 8; i++) printf(" %s=%u", exc_names[i], exc_count[i]);
    uart_putc('\n');
    return 0;
}
