/* Thumb state: all Thumb-1 formats (in thumb.thumb.c), interworking in both
   directions (BLX imm/reg, BX, LDR pc and POP pc with bit 0), BL pairs, SVC
   and undefined instructions taken in Thumb state (lr, SPSR.T). */
#include "rt.h"

void thumb_alu(void);
void thumb_hireg(void);
void thumb_loadstore(void);
void thumb_branches(void);
void thumb_svc(void);
void thumb_undefined(void);
void thumb_bkpt(void);
void thumb_semihost_write0(const char *s);
u32 thumb_target(u32);
u32 arm_ldr_pc_to_thumb(u32 (*fn)(u32));
u32 arm_blx_imm_to_thumb(void);

/* lr points past the Thumb instruction: 2 bytes for SVC and UND, 4 for a prefetch abort */
static void report_hook(int type, struct exc_frame *f)
{
    u32 back = type == EXC_PABT ? 4 : 2;
    u16 insn = *(u16 *)(f->lr - back);
    printf("%s from Thumb: spsr=%08x T=%u insn at lr-%u=%04x\n", exc_names[type], f->spsr, (f->spsr >> 5) & 1, back, insn);
}

int main(void)
{
    printf("thumb: start\n");
    thumb_alu();
    thumb_hireg();
    thumb_loadstore();
    thumb_branches();
    /* ARM to Thumb through a register (BLX reg, made by the compiler for a
       pointer call), through LDR pc, and through BLX immediate */
    u32 (*volatile fp)(u32) = thumb_target;
    printf("blx reg to thumb -> %08x\n", fp(1));
    printf("ldr pc to thumb -> %08x\n", arm_ldr_pc_to_thumb(thumb_target));
    printf("blx imm to thumb -> %08x\n", arm_blx_imm_to_thumb());
    /* BXJ without a Jazelle VM behaves as BX */
    u32 r;
    __asm__ volatile("adr r1, 1f + 1\n\tadr lr, 2f\n\tbxj r1\n\t.thumb\n1:\tmovs r0, #0x5a\n\tbx lr\n\t.arm\n2:\tmov %0, r0"
                     : "=r"(r) :: "r0", "r1", "lr", "cc");
    printf("bxj to thumb -> %x\n", r);
    exc_hooks[EXC_SVC] = report_hook;
    exc_hooks[EXC_UND] = report_hook;
    thumb_svc();
    thumb_undefined();
    exc_hooks[EXC_PABT] = report_hook;
    thumb_bkpt();
    thumb_semihost_write0("thumb semihosting write0\n");
    printf("thumb: done cpsr=%08x\n", get_cpsr());
    return 0;
}
