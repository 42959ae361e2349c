/* Code written at run time: instructions stored to RAM and executed after
   the architected cache maintenance (clean D line, drain write buffer,
   invalidate I-cache). A function is made hot first (many calls), then
   rewritten, so a translating engine must notice the store; the same for a
   Thumb function and for code rewritten in place by itself through a
   pointer it computes. */
#include "rt.h"

static u32 code[64] __attribute__((aligned(32)));

static void sync_code(void)
{
    for (u32 a = (u32)code; a < (u32)code + sizeof code; a += 32)
        __asm__ volatile("mcr p15, 0, %0, c7, c10, 1" :: "r"(a) : "memory");   /* clean D line */
    __asm__ volatile("mcr p15, 0, %0, c7, c10, 4" :: "r"(0) : "memory");        /* drain WB */
    __asm__ volatile("mcr p15, 0, %0, c7, c5, 0" :: "r"(0) : "memory");         /* invalidate I */
}

typedef u32 (*fn_t)(u32);

/* "add r0, r0, #imm; bx lr" */
static void emit_add(u32 imm)
{
    code[0] = 0xe2800000 | (imm & 0xff);
    code[1] = 0xe12fff1e;
    sync_code();
}

int main(void)
{
    printf("selfmod: start\n");
    fn_t f = (fn_t)code;
    emit_add(1);
    u32 sum = 0;
    for (u32 i = 0; i < 20000; i++) sum += f(i);
    printf("hot add #1: sum=%08x\n", sum);
    for (u32 k = 2; k < 6; k++) {
        emit_add(k);
        printf("rewritten to add #%u: f(100)=%u\n", k, f(100));
    }

    /* a loop body rewritten between runs */
    code[0] = 0xe3a01000;            /* mov r1, #0 */
    code[1] = 0xe2811003;            /* 1: add r1, r1, #3 */
    code[2] = 0xe2500001;            /* subs r0, r0, #1 */
    code[3] = 0x1afffffc;            /* bne 1b */
    code[4] = 0xe1a00001;            /* mov r0, r1 */
    code[5] = 0xe12fff1e;            /* bx lr */
    sync_code();
    printf("loop x3 over 1000: %u\n", f(1000));
    code[1] = 0xe2811007;            /* add r1, r1, #7 */
    sync_code();
    printf("loop x7 over 1000: %u\n", f(1000));

    /* Thumb code: "adds r0, #imm; bx lr" */
    u16 *t = (u16 *)code;
    for (u32 k = 10; k < 13; k++) {
        t[0] = (u16)(0x3000 | k);
        t[1] = 0x4770;
        sync_code();
        fn_t tf = (fn_t)((u32)code | 1);
        u32 s = 0;
        for (u32 i = 0; i < 1000; i++) s += tf(1);
        printf("thumb adds #%u hot: sum=%u\n", k, s);
    }

    /* code that rewrites its own later instruction (with the maintenance
       done by a call back into C before reaching it) */
    code[0] = 0xe92d4010;            /* push {r4, lr} */
    code[1] = 0xe59f4010;            /* ldr r4, [pc, #16] -> code[7] = the new word */
    code[2] = 0xe58f4004;            /* str r4, [pc, #4]  -> code[5] */
    code[3] = 0xe12fff33;            /* blx r3 (sync_code) */
    code[4] = 0xe1a00000;            /* nop */
    code[5] = 0xe3a00001;            /* mov r0, #1 (to be replaced) */
    code[6] = 0xe8bd8010;            /* pop {r4, pc} */
    code[7] = 0xe3a0002a;            /* the replacement: mov r0, #42 */
    sync_code();
    u32 r;
    __asm__ volatile("mov r3, %1\n\tblx %2\n\tmov %0, r0" : "=r"(r) : "r"(sync_code), "r"(code)
                     : "r0", "r1", "r2", "r3", "r12", "lr", "memory", "cc");
    printf("self-rewriting function returned %u\n", r);
    printf("selfmod: done\n");
    return 0;
}
