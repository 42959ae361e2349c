/* The MMU as a USR-mode program meets it (the way Cloister runs guest
   kernels): ordinary loads, stores and instruction fetches made in USR mode
   against privileged-only, read-only and read-write sections and pages, with
   domains switched between client, manager and no access. Data aborts print
   FSR/FAR, prefetch aborts the IFSR and the lr the abort left. */
#include "rt.h"

static u32 *l1, *coarse;
static volatile u32 fsr, far, faults, pabt_resume, pabt_lr, pabt_ifsr;

static u32 section(u32 pa, u32 domain, u32 ap) { return (pa & 0xfff00000) | ap << 10 | domain << 5 | 0x10 | 2; }

static void dabt_hook(int type, struct exc_frame *f)
{
    fsr = CP15_READ(c5, 0, c0, 0);
    far = CP15_READ(c6, 0, c0, 0);
    faults++;
}

static void pabt_hook(int type, struct exc_frame *f)
{
    __asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(pabt_ifsr));
    pabt_lr = f->lr;
    faults++;
    f->resume = pabt_resume;
}

/* what the user-mode probes do with their argument (an address) */
static u32 user_read(u32 va)
{
    u32 before = faults, v = 0xeeeeeeee;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
    return faults != before ? 0xf0000000 | fsr : v;
}

static u32 user_write(u32 va)
{
    u32 before = faults;
    __asm__ volatile("str %0, [%0]" :: "r"(va) : "memory");
    return faults != before ? 0xf0000000 | fsr : 0;
}

static u32 user_call(u32 va)
{
    u32 before = faults, r;
    __asm__ volatile("adr r1, 1f\n\tstr r1, [%2]\n\tmov r0, #0\n\tblx %1\n1:\tmov %0, r0"
                     : "=r"(r) : "r"(va), "r"(&pabt_resume) : "r0", "r1", "r2", "r3", "r12", "lr", "memory", "cc");
    return faults != before ? 0xf0000000 | pabt_ifsr : r;
}

static void probe(const char *what, u32 va)
{
    u32 r = run_user(user_read, va);
    u32 fr = far;
    u32 w = run_user(user_write, va);
    u32 fw = far;
    printf("%-30s read=%08x", what, r);
    if (r >> 28 == 0xf) printf(" (far=%08x)", fr);
    printf(" write=%08x", w);
    if (w >> 28 == 0xf) printf(" (far=%08x)", fw);
    uart_putc('\n');
}

static void call(const char *what, u32 va)
{
    u32 r = run_user(user_call, va);
    printf("%-30s call=%08x", what, r);
    if (r >> 28 == 0xf) printf(" (lr=%08x)", pabt_lr);
    uart_putc('\n');
}

static void set_dacr(u32 v) { CP15_WRITE(c3, 0, c0, 0, v); }

int main(void)
{
    printf("mmu_user: start\n");
    exc_hooks[EXC_DABT] = dabt_hook;
    exc_hooks[EXC_PABT] = pabt_hook;
    l1 = (u32 *)__free_ram;
    coarse = (u32 *)(__free_ram + 0x4000);
    for (int i = 0; i < 4096; i++) l1[i] = 0;
    for (int i = 0; i < 256; i++) coarse[i] = 0;
    for (u32 mb = 0; mb < 128; mb++) l1[mb] = section(mb << 20, 0, 3);
    l1[0x101] = section(0x10100000, 0, 3);
    /* test frames: data at offset 0, "mov r0, #7; bx lr" at offset 0x100 */
    for (u32 pa = 0x01000000; pa < 0x01400000; pa += 0x1000) {
        REG32(pa) = pa | 0xd;
        REG32(pa + 0x100) = 0xe3a00007;
        REG32(pa + 0x104) = 0xe12fff1e;
    }
    l1[0x400] = section(0x01000000, 1, 1);   /* privileged only */
    l1[0x401] = section(0x01100000, 1, 2);   /* user read-only */
    l1[0x402] = section(0x01200000, 2, 3);   /* read-write, domain 2 */
    l1[0x403] = ((u32)coarse & 0xfffffc00) | 1 << 5 | 0x10 | 1;
    coarse[0] = 0x01300000 | 0xaa0 | 2;      /* small page, AP 2 in all four sub-pages */
    coarse[1] = 0x01301000 | 0x550 | 2;      /* small page, AP 1 */
    coarse[2] = 0x01302000 | 0xff0 | 2;      /* small page, AP 3 */
    CP15_WRITE(c2, 0, c0, 0, (u32)l1);
    set_dacr(0x55555555);
    CP15_WRITE(c8, 0, c7, 0, 0);
    CP15_WRITE(c1, 0, c0, 0, CP15_READ(c1, 0, c0, 0) | 1);

    probe("section AP=1 (priv only)", 0x40000000);
    probe("section AP=2 (user ro)", 0x40100000);
    probe("section AP=3 domain 2 client", 0x40200000);
    probe("small page AP=2", 0x40300000);
    probe("small page AP=1", 0x40301000);
    probe("small page AP=3", 0x40302000);
    probe("coarse, no small page", 0x40303000);
    probe("no section", 0x40500000);
    call("fetch AP=1 section", 0x40000100);
    call("fetch AP=2 section", 0x40100100);
    call("fetch AP=1 small page", 0x40301100);
    call("fetch AP=2 small page", 0x40300100);
    call("fetch no section", 0x40500100);

    set_dacr(0x55555545);   /* domain 2: no access */
    probe("domain 2 no access", 0x40200000);
    call("fetch domain 2 no access", 0x40200100);
    set_dacr(0x55555575);   /* domain 2: manager */
    l1[0x402] = section(0x01200000, 2, 0);
    CP15_WRITE(c8, 0, c7, 0, 0);
    probe("domain 2 manager, AP=0", 0x40200000);
    call("fetch domain 2 manager AP=0", 0x40200100);
    set_dacr(0x5555557d);   /* domain 1 manager too */
    probe("domain 1 manager, AP=1", 0x40000000);
    call("fetch domain 1 manager AP=1", 0x40000100);
    set_dacr(0x55555555);

    CP15_WRITE(c1, 0, c0, 0, CP15_READ(c1, 0, c0, 0) & ~1u);
    printf("mmu_user: done, %u faults\n", faults);
    return 0;
}
