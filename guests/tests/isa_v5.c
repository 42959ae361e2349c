/* The edges of the ARMv5TEJ instruction set as the ARM926EJ-S has it:
   ARMv6 and later encodings must be undefined (REV, SXTB, LDREX, CPS,
   SETEND, SRS, RFE, UMAAL, SIMD, SSAT, ...), while the v5TE extras work
   (PLD as a no-op, MCRR/MRRC exist only for coprocessors that accept them,
   BKPT, CLZ). Each line shows whether the word trapped and what r0 became,
   with r0 = 0x11223344, r1 = 0x80ff0102, r2 = the scratch buffer. */
#include "rt.h"

static volatile u32 und;
static u32 scratch[4] __attribute__((aligned(8)));

static void und_hook(int type, struct exc_frame *f) { und++; }

#define TRY(name, word) do { \
    u32 before = und, r0; \
    scratch[0] = 0xcafe0000; \
    __asm__ volatile("mov r0, %2\n\tmov r1, %3\n\tmov r2, %1\n\t.word " #word "\n\tmov %0, r0" \
        : "=r"(r0) : "r"(scratch), "r"(0x11223344), "r"(0x80ff0102) : "r0", "r1", "r2", "r3", "memory", "cc"); \
    printf("%-26s %08x %s r0=%08x\n", name, (u32)(word), und != before ? "UNDEFINED" : "executed ", r0); \
} while (0)

int main(void)
{
    printf("isa_v5: start\n");
    exc_hooks[EXC_UND] = und_hook;
    /* ARMv6 */
    TRY("rev r0, r1", 0xe6bf0f31);
    TRY("rev16 r0, r1", 0xe6bf0fb1);
    TRY("revsh r0, r1", 0xe6ff0fb1);
    TRY("sxtb r0, r1", 0xe6af0071);
    TRY("sxth r0, r1", 0xe6bf0071);
    TRY("uxtb r0, r1", 0xe6ef0071);
    TRY("uxth r0, r1", 0xe6ff0071);
    TRY("uxtab r0, r0, r1", 0xe6e00071);
    TRY("ldrex r0, [r2]", 0xe1920f9f);
    TRY("strex r0, r1, [r2]", 0xe1820f91);
    TRY("clrex", 0xf57ff01f);
    TRY("cpsid i", 0xf10c0080);
    TRY("setend be", 0xf1010200);
    TRY("srsdb sp!, #19", 0xf96d0513);
    TRY("umaal r0, r1, r1, r1", 0xe0410191);
    TRY("sadd16 r0, r1, r1", 0xe6110f11);
    TRY("qadd16 r0, r1, r1", 0xe6210f11);
    TRY("uadd8 r0, r1, r1", 0xe6510f91);
    TRY("sel r0, r1, r1", 0xe6810fb1);
    TRY("ssat r0, #8, r1", 0xe6a70011);
    TRY("usat r0, #8, r1", 0xe6e80011);
    TRY("pkhbt r0, r1, r1", 0xe6810011);
    TRY("smuad r0, r1, r1", 0xe700f111);
    TRY("smmul r0, r1, r1", 0xe750f111);
    TRY("usad8 r0, r1, r1", 0xe780f111);
    TRY("smc #0 (TrustZone)", 0xe1600070);
    /* ARMv6K hints live in the MSR-immediate space with mask 0 */
    TRY("yield (v6K hint)", 0xe320f001);
    TRY("wfe (v6K hint)", 0xe320f002);
    TRY("sev (v6K hint)", 0xe320f004);
    TRY("nop (v6K hint)", 0xe320f000);
    /* ARMv7 */
    TRY("movw r0, #0x1234", 0xe3010234);
    TRY("movt r0, #0x1234", 0xe3410234);
    TRY("ubfx r0, r1, #4, #8", 0xe7e70251);
    TRY("bfc r0, #0, #8", 0xe7c7001f);
    TRY("rbit r0, r1", 0xe6ff0f31);
    TRY("dmb (v7)", 0xf57ff05f);
    TRY("sdiv r0, r1, r1 (v7VE)", 0xe710f111);
    TRY("udf #0", 0xe7f000f0);
    /* ARMv5TE and v5TEJ: present */
    TRY("pld [r2]", 0xf5d2f000);
    TRY("pld [r2, #-4]", 0xf552f004);
    TRY("clz r0, r1", 0xe16f0f11);
    TRY("qadd r0, r1, r1", 0xe1010051);
    TRY("smulbb r0, r1, r1", 0xe1600181);
    TRY("ldrd r0, [r2]", 0xe1c200d0);
    TRY("strd r0, [r2]", 0xe1c200f0);
    TRY("mcrr p15, 0, r0, r1, c7", 0xec410f07);
    TRY("mrrc p15, 0, r0, r1, c7", 0xec510f07);
    TRY("mcrr p7, 0, r0, r1, c0", 0xec410700);
    /* odd corners of the v5 encoding space */
    TRY("swp r0, r1, [r2]", 0xe1020091);
    TRY("mrs r0, cpsr", 0xe10f0000);
    TRY("msr cpsr_f, #0 (mask f)", 0xe328f000);
    TRY("msr with mask 0 (hint space)", 0xe320f0ff);
    TRY("ldrh r0, [r2] (L bit)", 0xe1d200b0);
    TRY("ldrsb r0, [r2]", 0xe1d200d0);
    TRY("mul r0, r1, r1", 0xe0000191);
    TRY("cond NV (0xf) data-proc", 0xf3a00001);
    TRY("cond NV (0xf) ldr", 0xf5920000);
    printf("isa_v5: done, %u undefined\n", und);
    return 0;
}
