/* MMU-heavy: identity-maps RAM with sections, maps a 4 MiB window with 4 KiB small pages
 * (1024 pages, four times the emulator's 256-entry software TLB), then strides over every
 * page and flushes the TLB periodically, so TLB misses and table walks dominate. */
#define WINDOW 0x01000000u           /* 16 MiB: inside versatilepb's 128 MiB of RAM */
#define PAGES 1024u
#define WORDS_PER_PAGE 1024u

static unsigned l1[4096] __attribute__((aligned(16384)));
static unsigned l2[4][256] __attribute__((aligned(1024)));
volatile unsigned sink;

static void build_tables(void)
{
    for (unsigned i = 0; i < 4096; i++)
        l1[i] = (i << 20) | 0xC00u | 0x2u;          /* section, AP=11 (read/write), domain 0 */
    for (unsigned t = 0; t < 4; t++) {
        for (unsigned p = 0; p < 256; p++)           /* small page, AP0..AP3 = 11 */
            l2[t][p] = (WINDOW + ((t * 256 + p) << 12)) | 0xFF0u | 0x2u;
        l1[(WINDOW >> 20) + t] = (unsigned)l2[t] | 0x10u | 0x1u;   /* coarse table */
    }
}

static void mmu_on(void)
{
    unsigned ctrl;
    __asm__ volatile("mcr p15, 0, %0, c2, c0, 0" :: "r"(l1));
    __asm__ volatile("mcr p15, 0, %0, c3, c0, 0" :: "r"(0x1u));     /* domain 0: client */
    __asm__ volatile("mcr p15, 0, %0, c8, c7, 0" :: "r"(0));
    __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(ctrl));
    __asm__ volatile("mcr p15, 0, %0, c1, c0, 0" :: "r"(ctrl | 1u) : "memory");
}

static inline void flush_tlb(void)
{
    __asm__ volatile("mcr p15, 0, %0, c8, c7, 0" :: "r"(0) : "memory");
}

void main(unsigned iterations)
{
    build_tables();
    mmu_on();
    volatile unsigned *window = (volatile unsigned *)WINDOW;
    unsigned sum = 0;
    for (unsigned it = 0; it < iterations; it++) {
        unsigned word = it & (WORDS_PER_PAGE - 1);
        for (unsigned page = 0; page < PAGES; page++) {
            volatile unsigned *p = window + page * WORDS_PER_PAGE + word;
            *p = *p + it;
            sum += *p;
            if ((page & 63) == 63) flush_tlb();
        }
    }
    sink = sum;
}
