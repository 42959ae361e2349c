/* Multiplies and the ARMv5TE DSP extension: MUL/MLA (with S), UMULL/UMLAL/
   SMULL/SMLAL (with S), QADD/QSUB/QDADD/QDSUB saturation and the sticky Q
   flag, SMLAxy/SMULxy/SMLAWy/SMULWy/SMLALxy for every half selection, CLZ. */
#include "rt.h"

static const u32 vals[] = { 0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x00010001, 0x12345678, 0xfffe8000, 0x00007fff };
#define NV (sizeof vals / sizeof vals[0])

/* three-operand ops: result in %[r] from %[a], %[b], accumulator %[c] */
#define RUN3(insn, A, B, C, F) do { \
    u32 r_ = 0, p_, a_ = (A), b_ = (B), c_ = (C), f_ = (F); \
    __asm__ volatile("msr cpsr_f, %[f]\n\t" insn "\n\tmrs %[p], cpsr" \
        : [r] "=&r"(r_), [p] "=&r"(p_) : [a] "r"(a_), [b] "r"(b_), [c] "r"(c_), [f] "r"(f_) : "cc"); \
    printf("%-6s %08x %08x %08x -> %08x ", name_of(insn), a_, b_, c_, r_); \
    print_flags(p_); uart_putc('\n'); \
} while (0)

/* long ops: %[lo]/%[hi] in (accumulate) and out */
#define RUNL(insn, A, B, HI, LO, F) do { \
    u32 lo_ = (LO), hi_ = (HI), p_, a_ = (A), b_ = (B), f_ = (F); \
    __asm__ volatile("msr cpsr_f, %[f]\n\t" insn "\n\tmrs %[p], cpsr" \
        : [lo] "+&r"(lo_), [hi] "+&r"(hi_), [p] "=&r"(p_) : [a] "r"(a_), [b] "r"(b_), [f] "r"(f_) : "cc"); \
    printf("%-7s %08x %08x acc=%08x:%08x -> %08x:%08x ", name_of(insn), a_, b_, (u32)(HI), (u32)(LO), hi_, lo_); \
    print_flags(p_); uart_putc('\n'); \
} while (0)

/* the mnemonic is the first word of the asm text */
static const char *name_of(const char *insn)
{
    static char buf[12];
    int i = 0;
    while (insn[i] && insn[i] != ' ' && i < 11) { buf[i] = insn[i]; i++; }
    buf[i] = 0;
    return buf;
}

static void basic(void)
{
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = i; j < NV; j += 2) {
            u32 a = vals[i], b = vals[j];
            RUN3("mul %[r], %[a], %[b]", a, b, 0, 0xf0000000);
            RUN3("muls %[r], %[a], %[b]", a, b, 0, 0x30000000);
            RUN3("mlas %[r], %[a], %[b], %[c]", a, b, 0x80000001, 0x30000000);
            RUNL("umull %[lo], %[hi], %[a], %[b]", a, b, 0, 0, 0);
            RUNL("umulls %[lo], %[hi], %[a], %[b]", a, b, 0, 0, 0x30000000);
            RUNL("umlals %[lo], %[hi], %[a], %[b]", a, b, 0x80000000, 0xffffffff, 0x30000000);
            RUNL("smull %[lo], %[hi], %[a], %[b]", a, b, 0, 0, 0);
            RUNL("smulls %[lo], %[hi], %[a], %[b]", a, b, 0, 0, 0x30000000);
            RUNL("smlals %[lo], %[hi], %[a], %[b]", a, b, 0x7fffffff, 0xffffffff, 0x30000000);
        }
}

static void saturating(void)
{
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = 0; j < NV; j += 3) {
            u32 a = vals[i], b = vals[j];
            RUN3("qadd %[r], %[a], %[b]", a, b, 0, 0);
            RUN3("qsub %[r], %[a], %[b]", a, b, 0, 0);
            RUN3("qdadd %[r], %[a], %[b]", a, b, 0, 0);
            RUN3("qdsub %[r], %[a], %[b]", a, b, 0, 0);
        }
    /* Q is sticky: a non-saturating op leaves it set; only MSR clears it */
    RUN3("qadd %[r], %[a], %[b]", 1, 2, 0, 0x08000000);
    RUN3("adds %[r], %[a], %[b]", 1, 2, 0, 0x08000000);
}

static void halfword_multiplies(void)
{
    static const u32 hv[] = { 0x7fff8000, 0x80007fff, 0xffff0001, 0x00020003, 0x7fff7fff, 0x80008000 };
    for (unsigned i = 0; i < 6; i++)
        for (unsigned j = 0; j < 6; j += 2) {
            u32 a = hv[i], b = hv[j];
            RUN3("smulbb %[r], %[a], %[b]", a, b, 0, 0);
            RUN3("smulbt %[r], %[a], %[b]", a, b, 0, 0);
            RUN3("smultb %[r], %[a], %[b]", a, b, 0, 0);
            RUN3("smultt %[r], %[a], %[b]", a, b, 0, 0);
            RUN3("smulwb %[r], %[a], %[b]", a, b, 0, 0);
            RUN3("smulwt %[r], %[a], %[b]", a, b, 0, 0);
            RUN3("smlabb %[r], %[a], %[b], %[c]", a, b, 0x7fffffff, 0);
            RUN3("smlabt %[r], %[a], %[b], %[c]", a, b, 0x80000000, 0);
            RUN3("smlatb %[r], %[a], %[b], %[c]", a, b, 0x00000001, 0);
            RUN3("smlatt %[r], %[a], %[b], %[c]", a, b, 0x40000000, 0);
            RUN3("smlawb %[r], %[a], %[b], %[c]", a, b, 0x7fffffff, 0);
            RUN3("smlawt %[r], %[a], %[b], %[c]", a, b, 0x80000000, 0);
            RUNL("smlalbb %[lo], %[hi], %[a], %[b]", a, b, 0, 0xffffffff, 0);
            RUNL("smlalbt %[lo], %[hi], %[a], %[b]", a, b, 0x7fffffff, 0xffffffff, 0);
            RUNL("smlaltb %[lo], %[hi], %[a], %[b]", a, b, 0xffffffff, 0x00000001, 0);
            RUNL("smlaltt %[lo], %[hi], %[a], %[b]", a, b, 0x80000000, 0, 0);
        }
}

static void count_leading_zeros(void)
{
    for (int s = 0; s <= 32; s++) {
        u32 v = s == 32 ? 0 : 0x80000000u >> s, r;
        __asm__("clz %0, %1" : "=r"(r) : "r"(v));
        u32 v2 = v | (v >> 3), r2;
        __asm__("clz %0, %1" : "=r"(r2) : "r"(v2));
        printf("clz %08x -> %u, clz %08x -> %u\n", v, r, v2, r2);
    }
}

int main(void)
{
    printf("multiply: start\n");
    basic();
    saturating();
    halfword_multiplies();
    count_leading_zeros();
    printf("multiply: done\n");
    return 0;
}
