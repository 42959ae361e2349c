/* VFPv2 on the ARM926EJ-S (QEMU's model): FPSID/FPEXC, instructions trapping
   while FPEXC.EN is clear, single and double arithmetic on ordinary and
   special values (zeros, infinities, quiet and signalling NaNs, denormals,
   extremes) with the cumulative exception flags, the FZ and DN modes, all
   four rounding modes, conversions, compares, multiply-accumulate forms and
   a short-vector (FPSCR.LEN) operation. Results are raw bit patterns. */
#include "rt.h"

static const u32 sv[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xc0200000, 0x3dcccccd, 0x40400000,
    0x7f800000, 0xff800000, 0x7fc00001, 0x7f800001, 0x7f7fffff, 0x00800000, 0x00000001,
};
#define NS (sizeof sv / sizeof sv[0])

static u32 fpscr_in;

static void line(const char *insn, u32 a, u32 b, u32 r, u32 fpscr)
{
    printf("%-22s in=%08x a=%08x b=%08x -> %08x fpscr=%08x\n", insn, fpscr_in, a, b, r, fpscr);
}

/* single precision: operands in s0/s1, result in s2 (preset to 1.0) */
#define F32(insn, A, B) do { \
    u32 r_, f_, a_ = (A), b_ = (B); \
    __asm__ volatile(".fpu vfp\n\tvmsr fpscr, %[z]\n\tvmov s0, %[a]\n\tvmov s1, %[b]\n\tvmov s2, %[one]\n\t" \
        insn "\n\tvmov %[r], s2\n\tvmrs %[f], fpscr" \
        : [r] "=r"(r_), [f] "=r"(f_) : [a] "r"(a_), [b] "r"(b_), [z] "r"(fpscr_in), [one] "r"(0x3f800000) : "memory"); \
    line(insn, a_, b_, r_, f_); \
} while (0)

/* double precision: a in d0, b in d1, result in d2 (printed high word first) */
#define F64(insn, AH, AL, BH, BL) do { \
    u32 rh_, rl_, f_; \
    __asm__ volatile(".fpu vfp\n\tvmsr fpscr, %[z]\n\tvmov d0, %[al], %[ah]\n\tvmov d1, %[bl], %[bh]\n\t" \
        "vmov d2, %[al], %[ah]\n\t" insn "\n\tvmov %[rl], %[rh], d2\n\tvmrs %[f], fpscr" \
        : [rl] "=&r"(rl_), [rh] "=&r"(rh_), [f] "=&r"(f_) \
        : [ah] "r"(AH), [al] "r"(AL), [bh] "r"(BH), [bl] "r"(BL), [z] "r"(fpscr_in) : "memory"); \
    printf("%-22s in=%08x a=%08x%08x b=%08x%08x -> %08x%08x fpscr=%08x\n", insn, fpscr_in, \
           (u32)(AH), (u32)(AL), (u32)(BH), (u32)(BL), rh_, rl_, f_); \
} while (0)

static volatile u32 und;
static void und_hook(int type, struct exc_frame *f) { und++; }

static void control(void)
{
    u32 fpsid, fpexc;
    __asm__ volatile(".fpu vfp\n\tvmrs %0, fpsid\n\tvmrs %1, fpexc" : "=r"(fpsid), "=r"(fpexc));
    printf("fpsid=%08x fpexc=%08x\n", fpsid, fpexc);
    u32 before = und;
    __asm__ volatile(".fpu vfp\n\tvadd.f32 s0, s0, s0" ::: "memory");
    printf("vadd with EN=0: undefined=%u\n", und - before);
    before = und;
    u32 fpscr = 0;
    __asm__ volatile(".fpu vfp\n\tvmrs %0, fpscr" : "+r"(fpscr));
    printf("vmrs fpscr with EN=0: undefined=%u\n", und - before);
    __asm__ volatile(".fpu vfp\n\tvmsr fpexc, %0" :: "r"(1u << 30));
    __asm__ volatile(".fpu vfp\n\tvmrs %0, fpexc" : "=r"(fpexc));
    printf("fpexc after EN=1: %08x\n", fpexc);
    __asm__ volatile(".fpu vfp\n\tvmsr fpscr, %1\n\tvmrs %0, fpscr" : "=r"(fpscr) : "r"(0xffffffffu));
    printf("fpscr after ~0: %08x\n", fpscr);
    __asm__ volatile(".fpu vfp\n\tvmsr fpscr, %0" :: "r"(0u));
}

static void single(void)
{
    for (unsigned i = 0; i < NS; i++) {
        u32 a = sv[i];
        fpscr_in = 0;
        F32("vsqrt.f32 s2, s0", a, 0);
        F32("vabs.f32 s2, s0", a, 0);
        F32("vneg.f32 s2, s0", a, 0);
        F32("vcvt.s32.f32 s2, s0", a, 0);
        F32("vcvt.u32.f32 s2, s0", a, 0);
        F32("vcvtr.s32.f32 s2, s0", a, 0);
        F32("vcvt.f32.s32 s2, s0", a, 0);
        F32("vcvt.f32.u32 s2, s0", a, 0);
        for (unsigned j = 0; j < NS; j++) {
            u32 b = sv[j];
            F32("vadd.f32 s2, s0, s1", a, b);
            F32("vsub.f32 s2, s0, s1", a, b);
            F32("vmul.f32 s2, s0, s1", a, b);
            F32("vdiv.f32 s2, s0, s1", a, b);
            F32("vcmp.f32 s0, s1\n\tvmrs APSR_nzcv, fpscr\n\tmrs r12, cpsr\n\tvmov s2, r12", a, b);
            F32("vcmpe.f32 s0, s1", a, b);
        }
    }
}

static void modes(void)
{
    /* flush-to-zero and default NaN */
    static const u32 ins[] = { 1u << 24, 1u << 25, 3u << 24 };
    for (int k = 0; k < 3; k++) {
        fpscr_in = ins[k];
        F32("vadd.f32 s2, s0, s1", 0x00000001, 0x00000001);
        F32("vmul.f32 s2, s0, s1", 0x00800000, 0x3f000000);
        F32("vadd.f32 s2, s0, s1", 0x7f800001, 0x3f800000);
        F32("vadd.f32 s2, s0, s1", 0x7fc00005, 0xffc00007);
        F32("vdiv.f32 s2, s0, s1", 0x00000000, 0x00000000);
        F32("vsqrt.f32 s2, s0", 0xbf800000, 0);
    }
    /* rounding modes on an inexact add, a halfway conversion and an overflow */
    for (u32 rm = 0; rm < 4; rm++) {
        fpscr_in = rm << 22;
        F32("vadd.f32 s2, s0, s1", 0x3f800000, 0x33800001);
        F32("vadd.f32 s2, s0, s1", 0xbf800000, 0xb3800001);
        F32("vcvtr.s32.f32 s2, s0", 0x40200000, 0);
        F32("vcvtr.s32.f32 s2, s0", 0xc0200000, 0);
        F32("vcvt.s32.f32 s2, s0", 0xc0200000, 0);
        F32("vmul.f32 s2, s0, s1", 0x7f7fffff, 0x40000000);
        F32("vcvt.f32.s32 s2, s0", 0x7fffffff, 0);
    }
    fpscr_in = 0;
}

static void accumulate(void)
{
    static const u32 av[] = { 0x40400000, 0xc0200000, 0x7f800000, 0x00000000 };
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j += 1) {
            F32("vmla.f32 s2, s0, s1", av[i], av[j]);
            F32("vmls.f32 s2, s0, s1", av[i], av[j]);
            F32("vnmla.f32 s2, s0, s1", av[i], av[j]);
            F32("vnmls.f32 s2, s0, s1", av[i], av[j]);
            F32("vnmul.f32 s2, s0, s1", av[i], av[j]);
        }
}

static void doubles(void)
{
    static const u32 dv[][2] = {
        { 0x3ff00000, 0 }, { 0xc0040000, 0 }, { 0x3fb99999, 0x9999999a }, { 0x7ff00000, 0 },
        { 0x7ff80000, 1 }, { 0x7ff00000, 1 }, { 0x00000000, 1 }, { 0x7fefffff, 0xffffffff }, { 0x80000000, 0 },
    };
    for (int i = 0; i < 9; i++) {
        F64("vsqrt.f64 d2, d0", dv[i][0], dv[i][1], 0, 0);
        F64("vcvt.f32.f64 s4, d0", dv[i][0], dv[i][1], 0, 0);
        F64("vcvt.s32.f64 s4, d0", dv[i][0], dv[i][1], 0, 0);
        for (int j = 0; j < 9; j += 2) {
            F64("vadd.f64 d2, d0, d1", dv[i][0], dv[i][1], dv[j][0], dv[j][1]);
            F64("vmul.f64 d2, d0, d1", dv[i][0], dv[i][1], dv[j][0], dv[j][1]);
            F64("vdiv.f64 d2, d0, d1", dv[i][0], dv[i][1], dv[j][0], dv[j][1]);
            F64("vcmpe.f64 d0, d1", dv[i][0], dv[i][1], dv[j][0], dv[j][1]);
        }
    }
    for (unsigned i = 0; i < NS; i++) F64("vcvt.f64.f32 d2, s0", 0, sv[i], 0, 0);
}

/* LEN=2 (FPSCR[18:16] = 1), STRIDE=1: s24 is outside the first bank, so it
   is a vector too: s8 = s16 + s24, s9 = s17 + s25 (set to 0) */
static void short_vector(void)
{
    u32 r[2], f;
    __asm__ volatile(".fpu vfp\n\t"
                     "vmov s16, %2\n\tvmov s17, %3\n\tvmov s24, %4\n\tvmov s25, %5\n\tvmov s8, %5\n\tvmov s9, %5\n\t"
                     "vmsr fpscr, %6\n\tvadd.f32 s8, s16, s24\n\tvmrs %1, fpscr\n\tvmsr fpscr, %7\n\t"
                     "vmov %0, s8\n\tvstr s9, [%8]"
                     : "=&r"(r[0]), "=&r"(f)
                     : "r"(0x3f800000), "r"(0x40000000), "r"(0x40400000), "r"(0), "r"(1u << 16), "r"(0), "r"(&r[1])
                     : "memory");
    printf("short vector LEN=2: s8=%08x s9=%08x fpscr=%08x\n", r[0], r[1], f);
}

int main(void)
{
    printf("vfp: start\n");
    exc_hooks[EXC_UND] = und_hook;
    control();
    single();
    modes();
    accumulate();
    doubles();
    short_vector();
    printf("vfp: done, %u undefined\n", und);
    return 0;
}
