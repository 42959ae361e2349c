/* Data-processing instructions, flags and the barrel shifter: every opcode
   with S, every shift type by immediate and by register (0, 1, 31, 32, 33,
   large amounts, only the bottom byte counting), RRX, the carry-out of
   rotated immediates, and carry-in dependence. Each line prints inputs, result
   and NZCVQ, so a difference shows exactly which case drifted. */
#include "rt.h"

static const u32 vals[] = { 0, 1, 2, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0x12345678, 0xf0000000 };
#define NVALS (sizeof vals / sizeof vals[0])
static const u32 flag_ins[] = { 0x00000000, 0x20000000, 0xf0000000 };
static const u32 shifts[] = { 0, 1, 4, 31, 32, 33, 64, 255, 256, 0x101, 0xffffffe0 };

static void report(const char *name, u32 a, u32 b, u32 fin, u32 r, u32 psr)
{
    printf("%s a=%08x b=%08x in=", name, a, b);
    print_flags(fin);
    printf(" -> %08x ", r);
    print_flags(psr);
    uart_putc('\n');
}

/* run one instruction with operands a, b and flags fin; print result and flags */
#define RUN(name, insn, A, B, F) do { \
    u32 r_ = 0xdeadbeef, p_, a_ = (A), b_ = (B), f_ = (F); \
    __asm__ volatile("msr cpsr_f, %[f]\n\t" insn "\n\tmrs %[p], cpsr" \
        : [r] "+&r"(r_), [p] "=&r"(p_) \
        : [a] "r"(a_), [b] "r"(b_), [f] "r"(f_) : "cc"); \
    report(name, a_, b_, f_, r_, p_); \
} while (0)

static void data_processing(void)
{
    for (unsigned i = 0; i < NVALS; i++)
        for (unsigned j = 0; j < NVALS; j += 2)
            for (unsigned k = 0; k < 3; k += 1) {
                u32 a = vals[i], b = vals[j], f = flag_ins[k];
                if (k == 1 && (j % 4)) continue;
                RUN("ands", "ands %[r], %[a], %[b]", a, b, f);
                RUN("eors", "eors %[r], %[a], %[b]", a, b, f);
                RUN("subs", "subs %[r], %[a], %[b]", a, b, f);
                RUN("rsbs", "rsbs %[r], %[a], %[b]", a, b, f);
                RUN("adds", "adds %[r], %[a], %[b]", a, b, f);
                RUN("adcs", "adcs %[r], %[a], %[b]", a, b, f);
                RUN("sbcs", "sbcs %[r], %[a], %[b]", a, b, f);
                RUN("rscs", "rscs %[r], %[a], %[b]", a, b, f);
                RUN("tst ", "tst %[a], %[b]", a, b, f);
                RUN("teq ", "teq %[a], %[b]", a, b, f);
                RUN("cmp ", "cmp %[a], %[b]", a, b, f);
                RUN("cmn ", "cmn %[a], %[b]", a, b, f);
                RUN("orrs", "orrs %[r], %[a], %[b]", a, b, f);
                RUN("movs", "movs %[r], %[b]", a, b, f);
                RUN("bics", "bics %[r], %[a], %[b]", a, b, f);
                RUN("mvns", "mvns %[r], %[b]", a, b, f);
            }
    /* without S the flags must not move */
    RUN("add ", "add %[r], %[a], %[b]", 0xffffffff, 1, 0x50000000);
    RUN("sub ", "sub %[r], %[a], %[b]", 0, 1, 0xa0000000);
    RUN("adc ", "adc %[r], %[a], %[b]", 5, 6, 0x20000000);
    RUN("sbc ", "sbc %[r], %[a], %[b]", 5, 6, 0x00000000);
    RUN("rsc ", "rsc %[r], %[a], %[b]", 5, 6, 0x00000000);
}

static void shifts_by_register(void)
{
    for (unsigned i = 0; i < NVALS; i++)
        for (unsigned s = 0; s < sizeof shifts / sizeof shifts[0]; s++)
            for (unsigned k = 0; k < 3; k += 2) {
                u32 a = vals[i], b = shifts[s], f = flag_ins[k];
                RUN("movs lsl r", "movs %[r], %[a], lsl %[b]", a, b, f);
                RUN("movs lsr r", "movs %[r], %[a], lsr %[b]", a, b, f);
                RUN("movs asr r", "movs %[r], %[a], asr %[b]", a, b, f);
                RUN("movs ror r", "movs %[r], %[a], ror %[b]", a, b, f);
            }
    /* shifter carry with an arithmetic op: C comes from the adder, not the shifter */
    RUN("adds lsl r", "adds %[r], %[a], %[a], lsl %[b]", 0x80000001, 1, 0);
    RUN("ands lsr r", "ands %[r], %[a], %[a], lsr %[b]", 0x80000001, 1, 0);
}

#define IMM_SHIFTS(n) \
    RUN("movs lsl #" #n, "movs %[r], %[a], lsl #" #n, a, 0, f); \
    RUN("movs lsr #" #n, "movs %[r], %[a], lsr #" #n, a, 0, f); \
    RUN("movs asr #" #n, "movs %[r], %[a], asr #" #n, a, 0, f); \
    RUN("movs ror #" #n, "movs %[r], %[a], ror #" #n, a, 0, f);

static void shifts_by_immediate(void)
{
    for (unsigned i = 0; i < NVALS; i++)
        for (unsigned k = 0; k < 3; k += 2) {
            u32 a = vals[i], f = flag_ins[k];
            RUN("movs lsl #0", "movs %[r], %[a], lsl #0", a, 0, f);
            IMM_SHIFTS(1)
            IMM_SHIFTS(4)
            IMM_SHIFTS(31)
            RUN("movs lsr #32", "movs %[r], %[a], lsr #32", a, 0, f);
            RUN("movs asr #32", "movs %[r], %[a], asr #32", a, 0, f);
            RUN("movs rrx", "movs %[r], %[a], rrx", a, 0, f);
            RUN("adcs rrx", "adcs %[r], %[a], %[a], rrx", a, 0, f);
            RUN("eors asr #3", "eors %[r], %[b], %[a], asr #3", a, 0x5a5a5a5a, f);
        }
}

static void rotated_immediates(void)
{
    for (unsigned k = 0; k < 3; k++) {
        u32 f = flag_ins[k];
        RUN("movs #0xff", "movs %[r], #0xff", 0, 0, f);
        RUN("movs #0x80000000", "movs %[r], #0x80000000", 0, 0, f);
        RUN("movs #0x3fc", "movs %[r], #0x3fc", 0, 0, f);
        RUN("mvns #0xf000000f", "mvns %[r], #0xf000000f", 0, 0, f);
        RUN("ands #0xc0000003", "ands %[r], %[a], #0xc0000003", 0xffffffff, 0, f);
        RUN("tst #0x40000000", "tst %[a], #0x40000000", 0x40000000, 0, f);
        RUN("teq #0x1", "teq %[a], #1", 1, 0, f);
        RUN("cmp #0x80000000", "cmp %[a], #0x80000000", 0x7fffffff, 0, f);
        RUN("cmn #1", "cmn %[a], #1", 0xffffffff, 0, f);
        RUN("adcs #0", "adcs %[r], %[a], #0", 0xffffffff, 0, f);
        RUN("sbcs #0", "sbcs %[r], %[a], #0", 0, 0, f);
        RUN("rscs #0", "rscs %[r], %[a], #0", 0, 0, f);
    }
}

/* reading pc as an operand gives the instruction address + 8 */
static void pc_operand(void)
{
    u32 here, val;
    __asm__ volatile("1: adr %0, 1b\n\tmov %1, pc" : "=r"(here), "=r"(val));
    printf("mov r, pc: pc-addr=%x\n", val - here);
    __asm__ volatile("1: adr %0, 1b\n\tadd %1, pc, #0" : "=r"(here), "=r"(val));
    printf("add r, pc, #0: pc-addr=%x\n", val - here);
    __asm__ volatile("1: adr %0, 1b\n\tadd %1, pc, pc, lsl #0" : "=r"(here), "=r"(val));
    printf("add r, pc, pc: 2*pc-addr=%x\n", val - 2 * here);
}

/* conditional execution: every condition code against every flag combination */
static void conditions(void)
{
    for (u32 nzcv = 0; nzcv < 16; nzcv++) {
        u32 bits = 0, f = nzcv << 28;
#define COND(cc, bit) { u32 t = 0; __asm__ volatile("msr cpsr_f, %1\n\tmov" cc " %0, #1" : "+r"(t) : "r"(f) : "cc"); bits |= t << bit; }
        COND("eq", 0) COND("ne", 1) COND("cs", 2) COND("cc", 3)
        COND("mi", 4) COND("pl", 5) COND("vs", 6) COND("vc", 7)
        COND("hi", 8) COND("ls", 9) COND("ge", 10) COND("lt", 11)
        COND("gt", 12) COND("le", 13) COND("al", 14)
        printf("cond nzcv=%x taken=%04x\n", nzcv, bits);
    }
}

int main(void)
{
    printf("alu: start\n");
    data_processing();
    shifts_by_register();
    shifts_by_immediate();
    rotated_immediates();
    pc_operand();
    conditions();
    printf("alu: done\n");
    return 0;
}
