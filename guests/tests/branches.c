/* Branches and writes to pc in ARM state: B/BL (forwards, backwards, far),
   conditional branches, BX/BLX register, MOV/ADD/LDR/LDM to pc (bits 1:0 of
   a data-processing result are ignored; LDR/LDM pc with bit 0 set switch to
   Thumb on ARMv5T), data-processing with S and pc as destination copying SPSR
   to CPSR, and BL's link value. */
#include "rt.h"

u32 far_target(u32 x) __attribute__((section(".text.far"), noinline));
u32 far_target(u32 x) { return x * 3; }

static void basic(void)
{
    u32 lr_off, here;
    __asm__ volatile("adr %1, 1f\n1:\tbl 2f\n2:\tsub %0, lr, %1" : "=r"(lr_off), "=r"(here) :: "lr");
    printf("bl link = insn+%u\n", lr_off);
    u32 r = 0;
    __asm__ volatile("b 2f\n1:\tadd %0, %0, #1\n\tb 3f\n2:\tadd %0, %0, #10\n\tb 1b\n3:" : "+r"(r));
    printf("forward then backward branch: %u\n", r);
    printf("far call: %u\n", far_target(14));
}

static void pc_writes(void)
{
    u32 r;
    /* data-processing result with bits 1:0 set: ARM state ignores them */
    __asm__ volatile("adr r1, 1f\n\torr r1, r1, #3\n\tmov r0, #0\n\tmov pc, r1\n\tmov r0, #1\n\t"
                     ".align 3\n1:\tmov %0, r0" : "=r"(r) :: "r0", "r1");
    printf("mov pc, addr|3: skipped=%u\n", r == 0);
    __asm__ volatile("adr r1, 1f\n\tmov r0, #0\n\tadd pc, r1, #4\n1:\tmov r0, #1\n\tmov r0, #2\n\tmov %0, r0"
                     : "=r"(r) :: "r0", "r1");
    printf("add pc, r, #4 -> r0=%u\n", r);
    /* register-shifted operand into pc: a jump table */
    for (u32 i = 0; i < 3; i++) {
        __asm__ volatile("add pc, pc, %1, lsl #3\n\tnop\n\tmov %0, #10\n\tb 1f\n\tmov %0, #11\n\tb 1f\n\tmov %0, #12\n1:"
                         : "=r"(r) : "r"(i));
        printf("jump table %u -> %u\n", i, r);
    }
    /* subs pc, lr, #4 copies SPSR to CPSR: land in SYS mode with flags NZ */
    u32 cpsr;
    __asm__ volatile("msr spsr_fsxc, %1\n\tadr lr, 1f + 4\n\tsubs pc, lr, #4\n1:\tmrs %0, cpsr\n\tmsr cpsr_c, #0xd3"
                     : "=r"(cpsr) : "r"(0xc00000dfu) : "lr", "cc");
    printf("subs pc, lr, #4 -> cpsr=%08x\n", cpsr);
    __asm__ volatile("msr spsr_fsxc, %1\n\tadr lr, 1f\n\tmovs pc, lr\n1:\tmrs %0, cpsr\n\tmsr cpsr_c, #0xd3"
                     : "=r"(cpsr) : "r"(0x300000d2u) : "lr", "cc");
    printf("movs pc, lr -> cpsr=%08x\n", cpsr);
}

static void conditional_branches(void)
{
    for (u32 nzcv = 0; nzcv < 16; nzcv++) {
        u32 taken = 0, f = nzcv << 28;
#define BR(cc, bit) __asm__ volatile("msr cpsr_f, %1\n\tb" cc " 1f\n\tb 2f\n1:\torr %0, %0, #" #bit "\n2:" \
                                     : "+r"(taken) : "r"(f) : "cc");
        BR("eq", 1) BR("ne", 2) BR("cs", 4) BR("cc", 8) BR("mi", 16) BR("pl", 32) BR("vs", 64)
        BR("vc", 128) BR("hi", 256) BR("ls", 512) BR("ge", 1024) BR("lt", 2048) BR("gt", 4096) BR("le", 8192)
        u32 bl = 0;
        __asm__ volatile("msr cpsr_f, %1\n\tblne 1f\n\tb 2f\n1:\tmov %0, #1\n2:" : "+r"(bl) : "r"(f) : "lr", "cc");
        printf("nzcv=%x b<cc> taken=%04x blne=%u\n", nzcv, taken, bl);
    }
}

int main(void)
{
    printf("branches: start\n");
    basic();
    pc_writes();
    conditional_branches();
    printf("branches: done\n");
    return 0;
}
