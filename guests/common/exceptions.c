/* C side of the exception stubs: count, then either run the test's hook or
   print a one-line report of what was caught. */
#include "rt.h"

exc_hook_t exc_hooks[8];
volatile u32 exc_count[8];
const char *const exc_names[8] = { "RESET", "UND", "SVC", "PABT", "DABT", "UNUSED", "IRQ", "FIQ" };

#define VIC_INTENCLEAR 0x10140014

void exc_report(int type, struct exc_frame *f)
{
    printf("EXC %s lr=%08x spsr=%08x", exc_names[type], f->lr, f->spsr);
    if (type == EXC_DABT || type == EXC_PABT)
        printf(" fsr=%08x far=%08x", CP15_READ(c5, 0, c0, 0), CP15_READ(c6, 0, c0, 0));
    uart_putc('\n');
}

void exc_dispatch(int type, struct exc_frame *f)
{
    exc_count[type]++;
    /* the stubs assume ARM state; from Thumb the next instruction is 2 bytes on */
    if ((f->spsr & 0x20) && type == EXC_PABT) f->resume = f->lr - 2;
    if ((f->spsr & 0x20) && type == EXC_DABT) f->resume = f->lr - 6;
    /* run_user's way home: continue after the SVC, in SVC mode */
    if (type == EXC_SVC && (f->spsr & 0x3f) == 0x10 && *(u32 *)(f->lr - 4) == (0xef000000u | SVC_LEAVE_USER)) {
        f->spsr = (f->spsr & ~0x1fu) | 0x13;
        return;
    }
    if (exc_hooks[type]) {
        exc_hooks[type](type, f);
        return;
    }
    exc_report(type, f);
    if (type == EXC_IRQ || type == EXC_FIQ) {
        /* nobody claimed it: mask everything at the VIC so it cannot storm */
        REG32(VIC_INTENCLEAR) = 0xffffffff;
    } else if (type == EXC_RESET || type == EXC_UNUSED) {
        sh_exit(100 + type);
    }
}
