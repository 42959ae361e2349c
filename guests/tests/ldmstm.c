/* Block transfers: LDM/STM in all four modes (IA, IB, DA, DB) with and without
   writeback, single-register lists, the base register inside the list (first
   and not first for STM, loaded for LDM), user-bank transfers with ^ from a
   privileged mode, LDM loading pc, and STM storing pc. Addresses are printed
   as offsets from the buffer. */
#include "rt.h"

static u32 mem[32] __attribute__((aligned(8)));

static void fill(void)
{
    for (int i = 0; i < 32; i++) mem[i] = 0xa0000000u | (u32)i * 0x01010101u;
}

static void dump(const char *what, u32 base_after)
{
    printf("%-32s base%+d mem[12..20]:", what, (s32)(base_after - (u32)&mem[16]));
    for (int i = 12; i <= 20; i++) printf(" %08x", mem[i]);
    uart_putc('\n');
}

/* Stores r4-r7 = 0x44.., 0x55.., 0x66.., 0x77.. with base at mem[16]. */
#define STM(insn) do { \
    fill(); u32 b_ = (u32)&mem[16]; \
    __asm__ volatile("ldr r4, =0x44444444\n\tldr r5, =0x55555555\n\tldr r6, =0x66666666\n\tldr r7, =0x77777777\n\t" insn \
        : "+r"(b_) :: "r4", "r5", "r6", "r7", "memory"); \
    dump(insn, b_); \
} while (0)

/* Loads into r4-r7 (preset to 0xeeeeeeee) from base at mem[16]. */
#define LDM(insn) do { \
    fill(); u32 b_ = (u32)&mem[16], r_[4]; \
    __asm__ volatile("ldr r4, =0xeeeeeeee\n\tmov r5, r4\n\tmov r6, r4\n\tmov r7, r4\n\t" insn \
        "\n\tstmia %1, {r4-r7}" : "+r"(b_) : "r"(r_) : "r4", "r5", "r6", "r7", "memory"); \
    printf("%-32s base%+d r4-r7: %08x %08x %08x %08x\n", insn, (s32)(b_ - (u32)&mem[16]), r_[0], r_[1], r_[2], r_[3]); \
} while (0)

static void modes(void)
{
    STM("stmia %0, {r4-r7}");
    STM("stmib %0, {r4-r7}");
    STM("stmda %0, {r4-r7}");
    STM("stmdb %0, {r4-r7}");
    STM("stmia %0!, {r4-r7}");
    STM("stmib %0!, {r4-r7}");
    STM("stmda %0!, {r4-r7}");
    STM("stmdb %0!, {r4-r7}");
    STM("stmia %0!, {r5}");
    STM("stmdb %0!, {r7}");
    STM("stmia %0, {r4, r6}");
    LDM("ldmia %0, {r4-r7}");
    LDM("ldmib %0, {r4-r7}");
    LDM("ldmda %0, {r4-r7}");
    LDM("ldmdb %0, {r4-r7}");
    LDM("ldmia %0!, {r4-r7}");
    LDM("ldmib %0!, {r4-r7}");
    LDM("ldmda %0!, {r4-r7}");
    LDM("ldmdb %0!, {r4-r7}");
    LDM("ldmia %0!, {r6}");
    LDM("ldmdb %0, {r5, r7}");
}

/* The base register in the list, with r4 as base so its position is known. */
static void base_in_list(void)
{
    u32 out[4], b;
    fill();
    __asm__ volatile("mov r4, %1\n\tldr r5, =0x55555555\n\tstmia r4!, {r4, r5}\n\tmov %0, r4"
                     : "=r"(b) : "r"(&mem[16]) : "r4", "r5", "memory");
    dump("stmia r4!, {r4,r5} (base first)", b);
    printf("  stored r4 = base%+d\n", (s32)(mem[16] - (u32)&mem[16]));
    fill();
    __asm__ volatile("mov r5, %1\n\tldr r4, =0x44444444\n\tstmia r5!, {r4, r5}\n\tmov %0, r5"
                     : "=r"(b) : "r"(&mem[16]) : "r4", "r5", "memory");
    dump("stmia r5!, {r4,r5} (base second)", b);
    printf("  stored r5 = base%+d\n", (s32)(mem[17] - (u32)&mem[16]));
    fill();
    __asm__ volatile("mov r5, %1\n\tldmia r5, {r4-r6}\n\tstmia %0, {r4-r6}"
                     :: "r"(out), "r"(&mem[16]) : "r4", "r5", "r6", "memory");
    printf("ldmia r5, {r4-r6}: %08x %08x %08x\n", out[0], out[1], out[2]);
    fill();
    __asm__ volatile("mov r4, %1\n\tldmia r4, {r4, r5}\n\tstmia %0, {r4, r5}"
                     :: "r"(out), "r"(&mem[16]) : "r4", "r5", "memory");
    printf("ldmia r4, {r4,r5}: %08x %08x\n", out[0], out[1]);
}

/* STM ^ stores the USR-mode r13/r14; LDM ^ without pc loads them. */
static void user_bank(void)
{
    u32 usr[2], svc_sp, svc_lr_probe;
    fill();
    /* give USR/SYS sp and lr known values first, remembering the real ones */
    __asm__ volatile(
        "msr cpsr_c, #0xdf\n\tstmia %0, {sp, lr}\n\t"
        "ldr sp, =0x13131313\n\tldr lr, =0x14141414\n\tmsr cpsr_c, #0xd3"
        :: "r"(usr) : "memory");
    __asm__ volatile("mov %0, sp\n\tstmia %1, {sp, lr}^\n\tnop" : "=&r"(svc_sp) : "r"(&mem[16]) : "memory");
    dump("stmia {sp, lr}^ (user bank)", (u32)&mem[16]);
    printf("  stored user sp/lr: %s\n", mem[16] == 0x13131313 && mem[17] == 0x14141414 ? "yes" : "no");
    __asm__ volatile("ldmia %0, {sp, lr}^\n\tnop" :: "r"(&mem[2]) : "memory");
    __asm__ volatile("msr cpsr_c, #0xdf\n\tmov %0, sp\n\tmov r0, lr\n\tldmia %1, {sp, lr}\n\tmsr cpsr_c, #0xd3\n\tstr r0, [%2]"
                     : "=&r"(svc_lr_probe) : "r"(usr), "r"(&mem[0]) : "r0", "memory");
    printf("ldmia {sp, lr}^ -> user sp=%08x lr=%08x, svc sp unchanged=%d\n", svc_lr_probe, mem[0],
           ({ u32 s; __asm__ volatile("mov %0, sp" : "=r"(s)); s == svc_sp; }));
}

/* LDM that loads pc jumps; STM of pc stores the instruction address + 8 or + 12. */
static void with_pc(void)
{
    u32 landed, here, words[4];
    __asm__ volatile(
        "adr r0, 1f\n\tstr r0, [%1, #4]\n\tmov r1, #0\n\t"
        "ldmia %1, {r2, pc}\n\tmov r1, #1\n"
        "1:\tmov %0, r1" : "=r"(landed) : "r"(words) : "r0", "r1", "r2", "memory");
    printf("ldmia {r2, pc}: skipped=%d\n", landed == 0);
    __asm__ volatile("1: adr %0, 1b\n\tstmia %1, {r0, pc}" : "=&r"(here) : "r"(words) : "memory");
    printf("stmia {r0, pc} stores addr+%x\n", words[1] - (here + 4));
}

int main(void)
{
    printf("ldmstm: start\n");
    modes();
    base_in_list();
    user_bank();
    with_pc();
    printf("ldmstm: done\n");
    return 0;
}
