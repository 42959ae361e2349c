/* The ARMv5 MMU: sections, coarse tables with large and small pages, fine
   tables with tiny (and small/large) pages, sub-page access permissions,
   every AP value with the S and R bits for privileged and user (LDRT/STRT)
   accesses, domains (no access, client, manager), translation, domain and
   permission faults with their FSR/FAR for data and prefetch aborts,
   alignment faults with SCTLR.A, and high vectors with SCTLR.V. */
#include "rt.h"

#define SCTLR_M (1u << 0)
#define SCTLR_A (1u << 1)
#define SCTLR_S (1u << 8)
#define SCTLR_R (1u << 9)
#define SCTLR_V (1u << 13)

static u32 *l1;                 /* 16 KiB first-level table */
static u32 *coarse, *coarse2;   /* 1 KiB second-level tables */
static u32 *fine;               /* 4 KiB second-level table */

static u32 section(u32 pa, u32 domain, u32 ap) { return (pa & 0xfff00000) | ap << 10 | domain << 5 | 0x10 | 2; }
static u32 coarse_desc(u32 *t, u32 domain) { return ((u32)t & 0xfffffc00) | domain << 5 | 0x10 | 1; }
static u32 fine_desc(u32 *t, u32 domain) { return ((u32)t & 0xfffff000) | domain << 5 | 0x10 | 3; }
static u32 aps(u32 a0, u32 a1, u32 a2, u32 a3) { return a0 << 4 | a1 << 6 | a2 << 8 | a3 << 10; }

static void tlb_flush(void)
{
    CP15_WRITE(c8, 0, c7, 0, 0);
}

static void set_sctlr_bits(u32 set, u32 clear)
{
    CP15_WRITE(c1, 0, c0, 0, (CP15_READ(c1, 0, c0, 0) | set) & ~clear);
}

/* ---- aborts: remember FSR/FAR, carry on after the faulting instruction ---- */
static volatile u32 fault_fsr, fault_far, fault_count, pabt_resume;

static void dabt_hook(int type, struct exc_frame *f)
{
    fault_fsr = CP15_READ(c5, 0, c0, 0);
    fault_far = CP15_READ(c6, 0, c0, 0);
    fault_count++;
}

static void pabt_hook(int type, struct exc_frame *f)
{
    u32 ifsr;
    __asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(ifsr));
    printf("  PABT lr=%08x fsr=%08x ifsr=%08x far=%08x\n", f->lr,
           CP15_READ(c5, 0, c0, 0), ifsr, CP15_READ(c6, 0, c0, 0));
    fault_count++;
    f->resume = pabt_resume;
}

enum { PR, PW, UR, UW };
static const char *const kind_names[] = { "pr", "pw", "ur", "uw" };

/* one access of the given kind; returns 0 or the FSR of the fault */
static u32 access(int kind, u32 va)
{
    u32 before = fault_count, v = 0x5a5a5a5a;
    switch (kind) {
    case PR: __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory"); break;
    case PW: __asm__ volatile("str %0, [%1]" :: "r"(v), "r"(va) : "memory"); break;
    case UR: __asm__ volatile("ldrt %0, [%1]" : "+r"(v), "+r"(va) :: "memory"); break;
    case UW: __asm__ volatile("strt %1, [%0]" : "+r"(va) : "r"(v) : "memory"); break;
    }
    if (fault_count == before) return 0;
    return fault_fsr | 0x1000;
}

static void print_access(u32 va)
{
    for (int k = 0; k < 4; k++) {
        u32 r = access(k, va);
        if (r) printf(" %s=F%03x", kind_names[k], r & 0xfff);
        else printf(" %s=ok  ", kind_names[k]);
    }
}

/* ---- set-up: identity map of RAM and devices in domain 0, manager-free ---- */
static void build_tables(void)
{
    l1 = (u32 *)__free_ram;
    coarse = (u32 *)(__free_ram + 0x4000);
    coarse2 = (u32 *)(__free_ram + 0x4400);
    fine = (u32 *)(__free_ram + 0x5000);
    for (int i = 0; i < 4096; i++) l1[i] = 0;
    for (int i = 0; i < 256; i++) coarse[i] = coarse2[i] = 0;
    for (int i = 0; i < 1024; i++) fine[i] = 0;
    for (u32 mb = 0; mb < 128; mb++) l1[mb] = section(mb << 20, 0, 3);
    l1[0x100] = section(0x10000000, 0, 3);
    l1[0x101] = section(0x10100000, 0, 3);
    /* fill the test frames with recognisable data */
    for (u32 a = 0x01000000; a < 0x01500000; a += 0x400) REG32(a) = a ^ 0xa5000000;
}

static void mmu_on(void)
{
    CP15_WRITE(c2, 0, c0, 0, (u32)l1);
    CP15_WRITE(c3, 0, c0, 0, 0x55555555);   /* every domain client */
    tlb_flush();
    set_sctlr_bits(SCTLR_M, 0);
    printf("mmu on: sctlr=%08x, still running from identity map\n", CP15_READ(c1, 0, c0, 0));
}

static void translation(void)
{
    l1[0x400] = section(0x01000000, 1, 3);
    l1[0x401] = coarse_desc(coarse, 1);
    l1[0x402] = fine_desc(fine, 1);
    /* coarse: a large page (16 replicated entries) and two small pages */
    for (int i = 0; i < 16; i++) coarse[i] = 0x01100000 | aps(3, 3, 3, 3) | 1;
    coarse[16] = 0x01200000 | aps(3, 3, 3, 3) | 2;
    coarse[17] = 0x01201000 | aps(3, 3, 3, 3) | 2;
    /* fine: tiny pages, then a small page (4 entries) and a large page (64) */
    fine[0] = 0x01300000 | 3 << 4 | 3;
    fine[1] = 0x01300c00 | 3 << 4 | 3;
    for (int i = 0; i < 4; i++) fine[4 + i] = 0x01301000 | aps(3, 3, 3, 3) | 2;
    for (int i = 0; i < 64; i++) fine[64 + i] = 0x01400000 | aps(3, 3, 3, 3) | 1;
    tlb_flush();
    static const u32 vas[] = {
        0x40000000, 0x40012344, 0x400ffffc,             /* section */
        0x40100000, 0x4010c400, 0x4010fffc,             /* large page */
        0x40110000, 0x40111800, 0x40112000,             /* small pages, then none */
        0x40200000, 0x40200400, 0x40200800,             /* tiny pages, then none */
        0x40201000, 0x40210000, 0x4021fc00, 0x40220000, /* small, large in fine, none */
        0x40300000,                                     /* no first-level entry */
    };
    for (unsigned i = 0; i < sizeof vas / sizeof vas[0]; i++) {
        u32 before = fault_count, v = 0xdeadbeef;
        __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(vas[i]) : "memory");
        if (fault_count != before)
            printf("va %08x -> fault fsr=%08x far=%08x\n", vas[i], fault_fsr, fault_far);
        else
            printf("va %08x -> %08x\n", vas[i], v);
    }
}

/* where a data abort leaves lr: the faulting instruction + 8 */
static volatile u32 abort_lr;

static void dabt_lr_hook(int type, struct exc_frame *f)
{
    abort_lr = f->lr;
    dabt_hook(type, f);
}

static void data_abort_return(void)
{
    u32 here;
    exc_hooks[EXC_DABT] = dabt_lr_hook;
    __asm__ volatile("adr %0, 1f\n1:\tldr r0, [%1]" : "=&r"(here) : "r"(0x40300000) : "r0", "memory");
    printf("data abort: lr-insn=%u fsr=%08x far=%08x\n", abort_lr - here, fault_fsr, fault_far);
    /* an STM whose last two words fall off the large page into nothing */
    REG32(0x0140fff8) = 0;
    REG32(0x0140fffc) = 0;
    __asm__ volatile("mov r0, #0x10\n\tmov r1, #0x11\n\tmov r2, #0x12\n\tmov r3, #0x13\n\t"
                     "adr %0, 1f\n1:\tstmia %1, {r0-r3}" : "=&r"(here) : "r"(0x4021fff8) : "r0", "r1", "r2", "r3", "memory");
    printf("stm across into unmapped: lr-insn=%u fsr=%08x far=%08x, words before the hole now %x %x\n",
           abort_lr - here, fault_fsr, fault_far, REG32(0x0140fff8), REG32(0x0140fffc));
    exc_hooks[EXC_DABT] = dabt_hook;
}

static void permissions(void)
{
    /* section: every AP with S/R */
    for (u32 sr = 0; sr < 4; sr++) {
        set_sctlr_bits((sr & 1 ? SCTLR_S : 0) | (sr & 2 ? SCTLR_R : 0), (sr & 1 ? 0 : SCTLR_S) | (sr & 2 ? 0 : SCTLR_R));
        for (u32 ap = 0; ap < 4; ap++) {
            l1[0x400] = section(0x01000000, 1, ap);
            for (int i = 0; i < 16; i++) coarse[i] = 0x01100000 | aps(ap, ap, ap, ap) | 1;
            fine[0] = 0x01300000 | ap << 4 | 3;
            tlb_flush();
            printf("S=%u R=%u AP=%u section", sr & 1, sr >> 1, ap);
            print_access(0x40000010);
            printf(" | large");
            print_access(0x40100010);
            printf(" | tiny");
            print_access(0x40200010);
            uart_putc('\n');
        }
    }
    set_sctlr_bits(0, SCTLR_S | SCTLR_R);
    /* sub-pages: each quarter of a large or small page has its own AP */
    for (int i = 0; i < 16; i++) coarse[i] = 0x01100000 | aps(3, 2, 1, 0) | 1;
    coarse[16] = 0x01200000 | aps(0, 1, 2, 3) | 2;
    tlb_flush();
    for (u32 q = 0; q < 4; q++) {
        printf("large subpage %u:", q);
        print_access(0x40100000 + q * 0x4000 + 8);
        printf(" | small subpage %u:", q);
        print_access(0x40110000 + q * 0x400 + 8);
        uart_putc('\n');
    }
}

static void domains(void)
{
    l1[0x400] = section(0x01000000, 1, 0);   /* AP 0: no access for a client */
    l1[0x401] = coarse_desc(coarse, 2);
    for (int i = 0; i < 16; i++) coarse[i] = 0x01100000 | aps(0, 0, 0, 0) | 1;
    tlb_flush();
    static const u32 dacrs[] = { 0x55555555, 0x55555551, 0x5555555d, 0x55555545, 0x55555575, 0x55555565 };
    for (int i = 0; i < 6; i++) {
        CP15_WRITE(c3, 0, c0, 0, dacrs[i]);
        printf("DACR=%08x d1=%u d2=%u section", dacrs[i], (dacrs[i] >> 2) & 3, (dacrs[i] >> 4) & 3);
        print_access(0x40000020);
        printf(" | page");
        print_access(0x40100020);
        uart_putc('\n');
    }
    CP15_WRITE(c3, 0, c0, 0, 0x55555555);
    printf("last fault far=%08x\n", fault_far);
}

static void alignment(void)
{
    set_sctlr_bits(SCTLR_A, 0);
    static u32 words[4];
    u32 base = (u32)words, v = 0;
    static const char *const what[] = { "ldr +1", "ldr +2", "ldrh +1", "ldrh +2", "str +3", "ldrd +4", "ldm +2", "ldrb +1", "swp +2" };
    for (int i = 0; i < 9; i++) {
        u32 before = fault_count;
        switch (i) {
        case 0: __asm__ volatile("ldr %0, [%1, #1]" : "=r"(v) : "r"(base) : "memory"); break;
        case 1: __asm__ volatile("ldr %0, [%1, #2]" : "=r"(v) : "r"(base) : "memory"); break;
        case 2: __asm__ volatile("ldrh %0, [%1, #1]" : "=r"(v) : "r"(base) : "memory"); break;
        case 3: __asm__ volatile("ldrh %0, [%1, #2]" : "=r"(v) : "r"(base) : "memory"); break;
        case 4: __asm__ volatile("str %0, [%1, #3]" :: "r"(v), "r"(base) : "memory"); break;
        case 5: __asm__ volatile("ldrd r4, [%0, #4]" :: "r"(base) : "r4", "r5", "memory"); break;
        case 6: __asm__ volatile("ldmia %0, {r4, r5}" :: "r"(base + 2) : "r4", "r5", "memory"); break;
        case 7: __asm__ volatile("ldrb %0, [%1, #1]" : "=r"(v) : "r"(base) : "memory"); break;
        case 8: __asm__ volatile("swp %0, %0, [%1]" : "+r"(v) : "r"(base + 2) : "memory"); break;
        }
        if (fault_count != before)
            printf("A=1 %-8s fault fsr=%08x far=words%+d\n", what[i], fault_fsr, (s32)(fault_far - base));
        else
            printf("A=1 %-8s ok\n", what[i]);
    }
    set_sctlr_bits(0, SCTLR_A);
}

typedef void (*fn_t)(void);

static void prefetch_aborts(void)
{
    /* jump to an unmapped section, a privileged-only section (fetch is fine),
       a page in a no-access domain and a missing small page; the abort
       handler resumes at the label after the call */
    static const u32 targets[] = { 0x40300000, 0x40000100, 0x40100100, 0x40112000 };
    l1[0x400] = section(0x01000000, 1, 1);              /* privileged only: fetch ok, so */
    REG32(0x01000100) = 0xe12fff1e;                     /* a "bx lr" there returns */
    l1[0x401] = coarse_desc(coarse, 2);
    tlb_flush();
    for (int i = 0; i < 4; i++) {
        u32 before = fault_count;
        /* domain 2 (the coarse table's) has no access for the third target only */
        CP15_WRITE(c3, 0, c0, 0, i == 2 ? 0x55555545 : 0x55555555);
        CP15_WRITE(c5, 0, c0, 0, 0);
        CP15_WRITE(c6, 0, c0, 0, 0);
        __asm__ volatile("adr r0, 1f\n\tstr r0, [%1]\n\tblx %0\n1:"
                         :: "r"(targets[i]), "r"(&pabt_resume) : "r0", "r1", "r2", "r3", "r12", "lr", "memory", "cc");
        printf("call %08x: %s\n", targets[i], fault_count == before ? "returned" : "aborted");
    }
    CP15_WRITE(c3, 0, c0, 0, 0x55555555);
}

/* high vectors: the SVC slot of the low table is pointed at the UND stub,
   so a wrongly vectored SVC would show up as UND */
extern char und_entry[];

static void svc_counter(int type, struct exc_frame *f) { printf("  %s taken\n", exc_names[type]); }

static void high_vectors(void)
{
    extern u32 vector_table[];
    l1[0xfff] = section(0x01500000, 0, 3);
    for (int i = 0; i < 16; i++) REG32(0x015f0000 + 4 * i) = vector_table[i];
    tlb_flush();
    exc_hooks[EXC_SVC] = svc_counter;
    exc_hooks[EXC_UND] = svc_counter;
    u32 saved = REG32(0x28);
    REG32(0x28) = (u32)und_entry;
    set_sctlr_bits(SCTLR_V, 0);
    printf("V=1 sctlr=%08x, svc:\n", CP15_READ(c1, 0, c0, 0));
    __asm__ volatile("svc #1" ::: "lr", "memory");
    set_sctlr_bits(0, SCTLR_V);
    printf("V=0, svc:\n");
    __asm__ volatile("svc #1" ::: "lr", "memory");
    REG32(0x28) = saved;
    printf("V=0 restored, svc:\n");
    __asm__ volatile("svc #1" ::: "lr", "memory");
    exc_hooks[EXC_SVC] = 0;
    exc_hooks[EXC_UND] = 0;
}

int main(void)
{
    printf("mmu: start\n");
    exc_hooks[EXC_DABT] = dabt_hook;
    exc_hooks[EXC_PABT] = pabt_hook;
    build_tables();
    mmu_on();
    translation();
    data_abort_return();
    permissions();
    domains();
    alignment();
    prefetch_aborts();
    high_vectors();
    set_sctlr_bits(0, SCTLR_M);
    printf("mmu off: sctlr=%08x faults=%u\n", CP15_READ(c1, 0, c0, 0), fault_count);
    printf("mmu: done\n");
    return 0;
}
