/* Thumb-1 instruction formats, compiled as Thumb. Flags are read through an
   ARM helper (Thumb-1 has no MRS); carry-in is prepared with CMP. */
#include "rt.h"

u32 read_cpsr(void);
u32 arm_add_bx(u32);

#define CIN0 "movs r1, #1\n\tlsrs r1, r1, #2\n\t"   /* C=0 Z=1 */
#define CIN1 "movs r1, #0\n\tcmp r1, #0\n\t"         /* C=1 Z=1 */

static void report(const char *insn, const char *cin, u32 a, u32 b, u32 r, u32 psr)
{
    printf("T %-26s c%s a=%08x b=%08x -> %08x ", insn, cin, a, b, r);
    print_flags(psr);
    uart_putc('\n');
}

/* %[r] starts as a copy of a; low registers only (Thumb-1) */
#define T(insn, A, B) do { \
    for (int c_ = 0; c_ < 2; c_++) { \
        u32 r_ = (A), b_ = (B), p_; \
        if (c_) __asm__ volatile(CIN1 insn "\n\tblx read_cpsr\n\tmovs %[p], r0" \
            : [r] "+l"(r_), [p] "=l"(p_) : [b] "l"(b_) : "r0", "r1", "lr", "cc"); \
        else __asm__ volatile(CIN0 insn "\n\tblx read_cpsr\n\tmovs %[p], r0" \
            : [r] "+l"(r_), [p] "=l"(p_) : [b] "l"(b_) : "r0", "r1", "lr", "cc"); \
        report(insn, c_ ? "1" : "0", (A), b_, r_, p_); \
    } \
} while (0)

static const u32 vals[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x12345678 };

void thumb_alu(void)
{
    for (unsigned i = 0; i < 6; i++)
        for (unsigned j = 0; j < 6; j += 1) {
            u32 a = vals[i], b = vals[j];
            if (j == 0) {
                T("lsls %[r], %[r], #0", a, b);
                T("lsls %[r], %[r], #1", a, b);
                T("lsls %[r], %[r], #31", a, b);
                T("lsrs %[r], %[r], #1", a, b);
                T("lsrs %[r], %[r], #32", a, b);
                T("asrs %[r], %[r], #1", a, b);
                T("asrs %[r], %[r], #32", a, b);
                T("adds %[r], %[r], #7", a, b);
                T("subs %[r], %[r], #7", a, b);
                T("movs %[r], #200", a, b);
                T("cmp %[r], #1", a, b);
                T("adds %[r], #255", a, b);
                T("subs %[r], #1", a, b);
                T("negs %[r], %[r]", a, b);
                T("mvns %[r], %[r]", a, b);
                T("movs %[r], %[r]", a, b);
            }
            if (j % 2) continue;
            T("adds %[r], %[r], %[b]", a, b);
            T("subs %[r], %[r], %[b]", a, b);
            T("ands %[r], %[b]", a, b);
            T("eors %[r], %[b]", a, b);
            T("adcs %[r], %[b]", a, b);
            T("sbcs %[r], %[b]", a, b);
            T("tst %[r], %[b]", a, b);
            T("cmp %[r], %[b]", a, b);
            T("cmn %[r], %[b]", a, b);
            T("orrs %[r], %[b]", a, b);
            T("muls %[r], %[b], %[r]", a, b);
            T("bics %[r], %[b]", a, b);
        }
    static const u32 amounts[] = { 0, 1, 31, 32, 33, 256 };
    for (unsigned i = 0; i < 6; i += 1)
        for (unsigned s = 0; s < 6; s++) {
            u32 a = vals[i], b = amounts[s];
            T("lsls %[r], %[b]", a, b);
            T("lsrs %[r], %[b]", a, b);
            T("asrs %[r], %[b]", a, b);
            T("rors %[r], %[b]", a, b);
        }
}

/* high-register forms: ADD/CMP/MOV with r8-r12 do not touch flags (except CMP) */
void thumb_hireg(void)
{
    u32 r = 5, p;
    __asm__ volatile(CIN0 "mov r8, %[r]\n\tadd r8, r8\n\tadd %[r], r8\n\tmov r12, %[r]\n\tcmp r12, r8\n\t"
                     "blx read_cpsr\n\tmovs %[p], r0"
                     : [r] "+l"(r), [p] "=l"(p) :: "r0", "r1", "r8", "r12", "lr", "cc");
    printf("T hi regs: r=%u flags=", r); print_flags(p); uart_putc('\n');
    u32 pcv, here;
    /* the address of label 1 comes from a literal word, since Thumb ADR only reaches forward */
#define HERE "ldr %1, 2f\n\tb 3f\n\t.align 2\n2:\t.word 1b\n3:"
    __asm__ volatile(".align 2\n1:\tmov %0, pc\n\t" HERE : "=l"(pcv), "=l"(here));
    printf("T mov r, pc: pc-addr=%x\n", pcv - here);
    __asm__ volatile(".align 2\n1:\tadd %0, pc, #8\n\t" HERE : "=l"(pcv), "=l"(here));
    printf("T add r, pc, #8: pc-addr=%x\n", pcv - here);
    __asm__ volatile(".align 2\n\tnop\n1:\tadd %0, pc, #0\n\t" HERE : "=l"(pcv), "=l"(here));
    printf("T add r, pc, #0 at addr%%4=2: result-addr=%x\n", pcv - here);
}

static u8 buf[64] __attribute__((aligned(4)));

void thumb_loadstore(void)
{
    for (int i = 0; i < 64; i++) buf[i] = (u8)(0x80 + i * 7);
    u32 v, b = (u32)buf + 16, o = 3;
#define L(insn) do { \
    __asm__ volatile(insn : [v] "=&l"(v) : [b] "l"(b), [o] "l"(o) : "memory"); \
    printf("T %-26s -> %08x\n", insn, v); } while (0)
    L("ldr %[v], [%[b], #4]");
    L("ldr %[v], [%[b], #124]");
    L("ldrb %[v], [%[b], #31]");
    L("ldrh %[v], [%[b], #6]");
    L("ldr %[v], [%[b], %[o]]");
    L("ldrb %[v], [%[b], %[o]]");
    L("ldrh %[v], [%[b], %[o]]");
    L("ldrsb %[v], [%[b], %[o]]");
    L("ldrsh %[v], [%[b], %[o]]");
    o = 4;
    L("ldrsh %[v], [%[b], %[o]]");
    L("ldrsb %[v], [%[b], %[o]]");
#define S(insn, V) do { u32 v_ = (V); \
    __asm__ volatile(insn :: [v] "l"(v_), [b] "l"(b), [o] "l"(o) : "memory"); \
    printf("T %-26s -> %08x %08x\n", insn, ((u32 *)buf)[4], ((u32 *)buf)[5]); } while (0)
    S("str %[v], [%[b], #0]", 0x11223344);
    S("strb %[v], [%[b], #1]", 0xaabbccdd);
    S("strh %[v], [%[b], #6]", 0xaabbccdd);
    S("str %[v], [%[b], %[o]]", 0x55667788);
    S("strb %[v], [%[b], %[o]]", 0x99);
    S("strh %[v], [%[b], %[o]]", 0xfedc);
    /* pc-relative literal load, sp-relative load/store, add to sp */
    __asm__ volatile("ldr %0, 1f\n\tb 2f\n\t.align 2\n1:\t.word 0xfeedface\n2:" : "=l"(v));
    printf("T ldr pc-relative -> %08x\n", v);
    u32 s1, s2, s3;
    __asm__ volatile("mov %2, sp\n\tsub sp, #16\n\tstr %3, [sp, #8]\n\tldr %0, [sp, #8]\n\tadd %1, sp, #8\n\t"
                     "add sp, #16\n\tsubs %1, %1, %2"
                     : "=&l"(s1), "=&l"(s2), "=&l"(s3) : "l"(0x5a5a1234) : "memory", "cc");
    printf("T sp-relative str/ldr -> %08x, add r, sp, #8 -> sp%+d\n", s1, (s32)s2 + 16);
    /* LDMIA/STMIA with writeback, base in list for LDM (no writeback) */
    u32 w[4] = { 1, 2, 3, 4 }, p = (u32)w, x, y;
    __asm__ volatile("ldmia %0!, {r2, r3}\n\tmovs %1, r2\n\tmovs %2, r3" : "+l"(p), "=l"(x), "=l"(y) :: "r2", "r3", "memory", "cc");
    printf("T ldmia r!, {r2,r3} -> %u %u base+%u\n", x, y, p - (u32)w);
    p = (u32)w;
    __asm__ volatile("movs r2, #9\n\tmovs r3, #8\n\tstmia %0!, {r2, r3}" : "+l"(p) :: "r2", "r3", "memory", "cc");
    printf("T stmia r!, {r2,r3} -> %u %u %u %u base+%u\n", w[0], w[1], w[2], w[3], p - (u32)w);
    /* push/pop, including pop {pc} */
    __asm__ volatile("movs r2, #7\n\tmovs r3, #6\n\tpush {r2, r3}\n\tpop {r3}\n\tpop {r2}\n\tmovs %0, r2\n\tmovs %1, r3"
                     : "=l"(x), "=l"(y) :: "r2", "r3", "memory", "cc");
    printf("T push {r2,r3}; pop {r3}; pop {r2} -> r2=%u r3=%u\n", x, y);
}

void thumb_branches(void)
{
    /* conditional branches over every condition, with flags from CMP */
    for (u32 a = 0; a < 3; a++) {
        u32 taken = 0;
#define BC(cc, bit) __asm__ volatile("cmp %1, #1\n\tb" cc " 1f\n\tb 2f\n1:\tadds %0, %0, #" #bit "\n2:" \
                                     : "+l"(taken) : "l"(a) : "cc");
        BC("eq", 1) BC("ne", 2) BC("cs", 4) BC("cc", 8) BC("mi", 16) BC("pl", 32)
        BC("hi", 64) BC("ls", 128) BC("ge", 3) BC("lt", 5) BC("gt", 9) BC("le", 17)
        printf("T bcc after cmp %u,1 -> %u\n", a, taken);
    }
    /* BL pair (long branch with link) and BLX to ARM, BX back */
    u32 r = arm_add_bx(5);
    printf("T blx to ARM and bx back -> %u\n", r);
    /* BX to a Thumb label with bit 0 set, and to ARM code with it clear */
    u32 out;
    __asm__ volatile("adr r2, 1f\n\tadds r2, #1\n\tbx r2\n\t.align 2\n1:\tmovs %0, #42"
                     : "=l"(out) :: "r2", "cc");
    printf("T bx to thumb -> %u\n", out);
    __asm__ volatile("mov r2, pc\n\tbx r2\n\tnop\n\t.arm\n\tmov %0, #43\n\tadd r2, pc, #1\n\tbx r2\n\t.thumb"
                     : "=l"(out) :: "r2");
    printf("T bx to ARM and back -> %u\n", out);
}

/* the SVC exception from Thumb state: lr is the next Thumb instruction */
void thumb_svc(void)
{
    __asm__ volatile("svc #0x42" ::: "lr", "memory");
}

/* BKPT in Thumb state: a prefetch abort, lr = the BKPT + 4 */
void thumb_bkpt(void)
{
    __asm__ volatile("bkpt #0x11" ::: "memory");
}

/* semihosting from Thumb state uses "svc 0xab" */
void thumb_semihost_write0(const char *s)
{
    register u32 r0 __asm__("r0") = SYS_WRITE0;
    register const char *r1 __asm__("r1") = s;
    __asm__ volatile("svc 0xab" : "+r"(r0) : "r"(r1) : "memory", "lr");
}

/* an undefined Thumb instruction */
void thumb_undefined(void)
{
    __asm__ volatile(".short 0xde01" ::: "memory");
}

/* reached from ARM code; its result is only right if it ran as Thumb */
u32 thumb_target(u32 x)
{
    u32 r;
    __asm__("movs %0, #0x33\n\tlsls %0, %0, #4\n\tadds %0, %0, %1" : "=&l"(r) : "l"(x) : "cc");
    return r;
}
