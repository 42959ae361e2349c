/* Single-register loads and stores in every addressing mode: immediate and
   register offsets (with every shift), pre/post-index, writeback, byte,
   halfword, signed, doubleword, LDRT/STRT, unaligned LDR rotation, STR of pc,
   and SWP/SWPB. Prints the value moved and where the base register ended up
   (as an offset from the buffer), never raw addresses. */
#include "rt.h"

static u8 buf[256] __attribute__((aligned(8)));
static const u32 off_vals[] = { 0, 1, 4, 0x80000004 };

static void fill(void)
{
    for (int i = 0; i < 256; i++) buf[i] = (u8)(i * 0x11 + 0x80 + (i >> 4));
}

static u32 sum(void)
{
    u32 s = 0;
    for (int i = 0; i < 256; i++) s = s * 31 + buf[i];
    return s;
}

/* insn uses %[v] (value), %[b] (base, starts at buf+64) and %[o] (offset reg) */
#define LD(insn, O) do { \
    u32 v_ = 0xdeadbeef, b_ = (u32)buf + 64, o_ = (O); \
    __asm__ volatile(insn : [v] "+&r"(v_), [b] "+&r"(b_) : [o] "r"(o_) : "memory", "cc"); \
    printf("%-28s o=%08x v=%08x base%+d\n", insn, o_, v_, (s32)(b_ - (u32)buf - 64)); \
} while (0)

#define ST(insn, V, O) do { \
    fill(); u32 v_ = (V), b_ = (u32)buf + 64, o_ = (O); \
    __asm__ volatile(insn : [b] "+&r"(b_) : [v] "r"(v_), [o] "r"(o_) : "memory", "cc"); \
    printf("%-28s o=%08x base%+d mem=%08x %08x %08x sum=%08x\n", insn, o_, \
           (s32)(b_ - (u32)buf - 64), ((u32 *)buf)[15], ((u32 *)buf)[16], ((u32 *)buf)[17], sum()); \
} while (0)

static void word_and_byte(void)
{
    fill();
    for (unsigned i = 0; i < sizeof off_vals / sizeof off_vals[0]; i++) {
        u32 o = off_vals[i] & 0xff;
        LD("ldr %[v], [%[b]]", o);
        LD("ldr %[v], [%[b], #4]", o);
        LD("ldr %[v], [%[b], #-4]", o);
        LD("ldr %[v], [%[b], #8]!", o);
        LD("ldr %[v], [%[b], #-8]!", o);
        LD("ldr %[v], [%[b]], #12", o);
        LD("ldr %[v], [%[b]], #-12", o);
        LD("ldr %[v], [%[b], %[o]]", o);
        LD("ldr %[v], [%[b], -%[o]]", o);
        LD("ldr %[v], [%[b], %[o]]!", o);
        LD("ldr %[v], [%[b]], %[o]", o);
        LD("ldr %[v], [%[b]], -%[o]", o);
        LD("ldr %[v], [%[b], %[o], lsl #2]", o);
        LD("ldr %[v], [%[b], -%[o], lsl #3]!", o);
        LD("ldr %[v], [%[b]], %[o], lsl #1", o);
        LD("ldrb %[v], [%[b]]", o);
        LD("ldrb %[v], [%[b], #3]", o);
        LD("ldrb %[v], [%[b], #-1]!", o);
        LD("ldrb %[v], [%[b]], #5", o);
        LD("ldrb %[v], [%[b], %[o]]", o);
        LD("ldrb %[v], [%[b], -%[o]]!", o);
        LD("ldrb %[v], [%[b]], %[o], asr #1", o);
    }
    /* shifted register offsets whose value is interesting only for the shift */
    LD("ldr %[v], [%[b], %[o], lsr #29]", 0x80000000);
    LD("ldr %[v], [%[b], %[o], asr #29]", 0x80000000);
    LD("ldr %[v], [%[b], %[o], asr #32]", 0x80000000);
    LD("ldr %[v], [%[b], %[o], lsr #32]", 0x80000000);
    LD("ldr %[v], [%[b], %[o], ror #30]", 0x00000001);
    LD("msr cpsr_f, #0x20000000\n\tldr %[v], [%[b], %[o], rrx]", 0x00000010);
    LD("msr cpsr_f, #0\n\tldr %[v], [%[b], %[o], rrx]", 0x00000010);
    LD("ldrb %[v], [%[b], -%[o], lsl #31]", 0x00000001);
}

static void halfword_signed_double(void)
{
    fill();
    for (unsigned i = 0; i < 3; i++) {
        u32 o = off_vals[i] & 0xff;
        LD("ldrh %[v], [%[b]]", o);
        LD("ldrh %[v], [%[b], #2]", o);
        LD("ldrh %[v], [%[b], #-6]!", o);
        LD("ldrh %[v], [%[b]], #10", o);
        LD("ldrh %[v], [%[b], %[o]]", o);
        LD("ldrh %[v], [%[b], -%[o]]!", o);
        LD("ldrh %[v], [%[b]], %[o]", o);
        LD("ldrsh %[v], [%[b]]", o);
        LD("ldrsh %[v], [%[b], #2]", o);
        LD("ldrsh %[v], [%[b], #-2]!", o);
        LD("ldrsh %[v], [%[b]], -%[o]", o);
        LD("ldrsb %[v], [%[b]]", o);
        LD("ldrsb %[v], [%[b], #1]", o);
        LD("ldrsb %[v], [%[b], #-255]", o);
        LD("ldrsb %[v], [%[b], #255]!", o);
        LD("ldrsb %[v], [%[b], %[o]]!", o);
        LD("ldrsb %[v], [%[b]], #-3", o);
    }
    /* LDRD/STRD need an even/odd register pair; r4/r5 are named explicitly */
#define LDD(insn, O) do { \
    u32 lo_, hi_, b_ = (u32)buf + 64, o_ = (O); \
    __asm__ volatile(insn "\n\tmov %[lo], r4\n\tmov %[hi], r5" \
        : [lo] "=&r"(lo_), [hi] "=&r"(hi_), [b] "+&r"(b_) : [o] "r"(o_) : "r4", "r5", "memory"); \
    printf("%-28s o=%08x v=%08x:%08x base%+d\n", insn, o_, hi_, lo_, (s32)(b_ - (u32)buf - 64)); \
} while (0)
    LDD("ldrd r4, [%[b]]", 0);
    LDD("ldrd r4, [%[b], #8]", 0);
    LDD("ldrd r4, [%[b], #-16]!", 0);
    LDD("ldrd r4, [%[b]], #24", 0);
    LDD("ldrd r4, [%[b], %[o]]", 8);
    LDD("ldrd r4, [%[b], -%[o]]!", 8);
    LDD("ldrd r4, [%[b]], %[o]", 16);
#define STD(insn, O) do { \
    fill(); u32 b_ = (u32)buf + 64, o_ = (O); \
    __asm__ volatile("ldr r4, =0x11223344\n\tldr r5, =0x55667788\n\t" insn \
        : [b] "+&r"(b_) : [o] "r"(o_) : "r4", "r5", "memory"); \
    printf("%-28s o=%08x base%+d sum=%08x\n", insn, o_, (s32)(b_ - (u32)buf - 64), sum()); \
} while (0)
    STD("strd r4, [%[b]]", 0);
    STD("strd r4, [%[b], #8]!", 0);
    STD("strd r4, [%[b]], #-8", 0);
    STD("strd r4, [%[b], -%[o]]", 16);
    STD("strd r4, [%[b], %[o]]!", 16);
}

static void stores(void)
{
    u32 v = 0xa1b2c3d4;
    ST("str %[v], [%[b]]", v, 0);
    ST("str %[v], [%[b], #4]!", v, 0);
    ST("str %[v], [%[b]], #-4", v, 0);
    ST("str %[v], [%[b], %[o], lsl #2]", v, 1);
    ST("str %[v], [%[b], -%[o]]!", v, 4);
    ST("strb %[v], [%[b]]", v, 0);
    ST("strb %[v], [%[b], #3]", v, 0);
    ST("strb %[v], [%[b], #-1]!", v, 0);
    ST("strb %[v], [%[b]], %[o]", v, 7);
    ST("strh %[v], [%[b]]", v, 0);
    ST("strh %[v], [%[b], #2]", v, 0);
    ST("strh %[v], [%[b], #-2]!", v, 0);
    ST("strh %[v], [%[b]], -%[o]", v, 6);
    ST("strh %[v], [%[b], %[o]]!", v, 4);
}

/* Translated accesses behave as normal ones while privileged with the MMU off. */
static void translated(void)
{
    fill();
    LD("ldrt %[v], [%[b]], #4", 0);
    LD("ldrt %[v], [%[b]], -%[o]", 8);
    LD("ldrbt %[v], [%[b]], #1", 0);
    LD("ldrbt %[v], [%[b]], %[o], lsl #1", 3);
    ST("strt %[v], [%[b]], #4", 0x01020304, 0);
    ST("strbt %[v], [%[b]], -%[o]", 0x01020304, 2);
}

/* ARMv5: a misaligned LDR reads the aligned word and rotates it right by
   8 * (address & 3); a misaligned STR writes the aligned word. */
static void misaligned(void)
{
    fill();
    for (u32 o = 0; o < 4; o++) {
        LD("ldr %[v], [%[b], %[o]]", o);
        LD("ldr %[v], [%[b]], %[o]", o);
    }
    ST("str %[v], [%[b], %[o]]", 0xcafef00d, 1);
    ST("str %[v], [%[b], %[o]]", 0xcafef00d, 2);
    ST("str %[v], [%[b], %[o]]", 0xcafef00d, 3);
}

static void store_pc(void)
{
    u32 here, stored;
    __asm__ volatile("1: adr %0, 1b\n\tstr pc, [%2]\n\tldr %1, [%2]" : "=&r"(here), "=&r"(stored) : "r"(buf) : "memory");
    printf("str pc stores addr+%x\n", stored - (here + 4));
}

static void swaps(void)
{
    fill();
    u32 old, mem;
    u32 *w = (u32 *)(buf + 16);
    __asm__ volatile("swp %0, %2, [%3]" : "=&r"(old), "+m"(*w) : "r"(0x12345678), "r"(w) : "memory");
    mem = *w;
    printf("swp old=%08x mem=%08x\n", old, mem);
    __asm__ volatile("swpb %0, %2, [%3]" : "=&r"(old), "+m"(*w) : "r"(0xabcdef99), "r"(buf + 17) : "memory");
    printf("swpb old=%08x mem=%08x\n", old, *w);
    /* same register as source and destination */
    u32 r = 0x5555aaaa;
    __asm__ volatile("swp %0, %0, [%1]" : "+&r"(r) : "r"(w) : "memory");
    printf("swp same reg old=%08x mem=%08x\n", r, *w);
    /* misaligned SWP rotates the loaded word like LDR */
    __asm__ volatile("swp %0, %2, [%3]" : "=&r"(old), "+m"(*w) : "r"(0x01020304), "r"(buf + 18) : "memory");
    printf("swp misaligned old=%08x mem=%08x\n", old, *w);
}

int main(void)
{
    printf("loadstore: start\n");
    word_and_byte();
    halfword_signed_double();
    stores();
    translated();
    misaligned();
    store_pc();
    swaps();
    printf("loadstore: done\n");
    return 0;
}
