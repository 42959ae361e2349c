/* Processor modes and exceptions: banked registers and SPSRs of every mode,
   MSR/MRS field masks, USR mode restrictions, SVC (immediate, return value,
   return address), undefined instructions, BKPT as a prefetch abort, IRQ and
   FIQ raised through the VIC's software interrupt register, exception return
   with LDM ^, and where each exception puts lr and SPSR. */
#include "rt.h"

void bank_probe(u32 *out);

#define VIC 0x10140000
#define VIC_IRQSTATUS (VIC + 0x00)
#define VIC_FIQSTATUS (VIC + 0x04)
#define VIC_RAWINTR (VIC + 0x08)
#define VIC_INTSELECT (VIC + 0x0c)
#define VIC_INTENABLE (VIC + 0x10)
#define VIC_INTENCLEAR (VIC + 0x14)
#define VIC_SOFTINT (VIC + 0x18)
#define VIC_SOFTINTCLEAR (VIC + 0x1c)

static volatile u32 mark;   /* address of the instruction that raised the exception */

static void banked_registers(void)
{
    static const char *const names[] = { "FIQ", "IRQ", "ABT", "UND", "SYS" };
    u32 out[45];
    bank_probe(out);
    for (int m = 0; m < 5; m++) {
        printf("bank %s:", names[m]);
        for (int i = 0; i < 7; i++) printf(" r%d=%08x", 8 + i, out[m * 8 + i]);
        printf(" spsr=%08x\n", out[m * 8 + 7]);
    }
    printf("bank SVC:");
    for (int i = 0; i < 5; i++) printf(" r%d=%08x", 8 + i, out[40 + i]);
    uart_putc('\n');
}

static void msr_masks(void)
{
    u32 saved = get_cpsr(), v;
    /* only the flags field: mode and mask bits must not move */
    __asm__ volatile("msr cpsr_f, %1\n\tmrs %0, cpsr" : "=r"(v) : "r"(0xffffffffu) : "cc");
    printf("msr cpsr_f ~0 -> %08x\n", v);
    __asm__ volatile("msr cpsr_f, %1\n\tmrs %0, cpsr" : "=r"(v) : "r"(0u) : "cc");
    printf("msr cpsr_f 0 -> %08x\n", v);
    __asm__ volatile("msr cpsr_s, %1\n\tmrs %0, cpsr" : "=r"(v) : "r"(0x00ff0000u) : "cc");
    printf("msr cpsr_s ~0 -> %08x\n", v);
    __asm__ volatile("msr cpsr_x, %1\n\tmrs %0, cpsr" : "=r"(v) : "r"(0x0000ff00u) : "cc");
    printf("msr cpsr_x ~0 -> %08x\n", v);
    __asm__ volatile("msr cpsr_c, #0x1f\n\tmrs %0, cpsr\n\tmsr cpsr_c, #0xd3" : "=r"(v) :: "cc");
    printf("msr cpsr_c #0x1f -> %08x\n", v);
    __asm__ volatile("msr cpsr_fc, %0" :: "r"(saved) : "cc");
    static const char *const fields[] = { "c", "x", "s", "f", "fsxc" };
    for (int i = 0; i < 5; i++) {
        __asm__ volatile("msr spsr_fsxc, %0" :: "r"(0u));
        switch (i) {
        case 0: __asm__ volatile("msr spsr_c, %0" :: "r"(0xffffffffu)); break;
        case 1: __asm__ volatile("msr spsr_x, %0" :: "r"(0xffffffffu)); break;
        case 2: __asm__ volatile("msr spsr_s, %0" :: "r"(0xffffffffu)); break;
        case 3: __asm__ volatile("msr spsr_f, %0" :: "r"(0xffffffffu)); break;
        case 4: __asm__ volatile("msr spsr_fsxc, %0" :: "r"(0xffffffffu)); break;
        }
        printf("msr spsr_%s ~0 -> %08x\n", fields[i], get_spsr());
    }
    __asm__ volatile("msr spsr_fsxc, #0x1f" ::: "cc");
    printf("msr spsr #imm -> %08x\n", get_spsr());
}

/* SVC hook: echo the immediate and return r0 + 1 */
static void svc_hook(int type, struct exc_frame *f)
{
    u32 insn = *(u32 *)(f->lr - 4);
    printf("svc imm=%06x lr-mark=%x spsr=%08x cpsr=%08x r0=%08x r1=%08x\n",
           insn & 0xffffff, f->lr - mark, f->spsr, get_cpsr(), f->r[0], f->r[1]);
    f->r[0] += 1;
}

static void svc_calls(void)
{
    exc_hooks[EXC_SVC] = svc_hook;
    for (u32 n = 0; n < 3; n++) {
        register u32 r0 __asm__("r0") = 0x100 + n;
        register u32 r1 __asm__("r1") = 0x200 + n;
        u32 here;
        __asm__ volatile("adr %2, 1f\n\tstr %2, [%3]\n\tmsr cpsr_f, %4\n1:\tsvc #0x123\n"
                         : "+r"(r0), "+r"(r1), "=&r"(here) : "r"(&mark), "r"(n << 29) : "lr", "cc", "memory");
        printf("svc returned r0=%08x r1=%08x cpsr=%08x\n", r0, r1, get_cpsr());
    }
}

static void und_hook(int type, struct exc_frame *f)
{
    printf("und lr-mark=%x spsr=%08x cpsr=%08x insn=%08x\n",
           f->lr - mark, f->spsr, get_cpsr(), *(u32 *)mark);
}

static void undefined(void)
{
    exc_hooks[EXC_UND] = und_hook;
    __asm__ volatile("adr r0, 1f\n\tstr r0, [%0]\n1:\t.word 0xe7f000f0" :: "r"(&mark) : "r0", "memory");
    __asm__ volatile("adr r0, 1f\n\tstr r0, [%0]\n1:\t.word 0xe7ffdefe" :: "r"(&mark) : "r0", "memory");
    /* coprocessor 5 does not exist on ARM926 */
    __asm__ volatile("adr r0, 1f\n\tstr r0, [%0]\n1:\tmrc p5, 0, r1, c0, c0, 0" :: "r"(&mark) : "r0", "r1", "memory");
    __asm__ volatile("adr r0, 1f\n\tstr r0, [%0]\n1:\tcdp p3, 1, c1, c2, c3, 4" :: "r"(&mark) : "r0", "memory");
    /* a conditional undefined instruction whose condition fails is a no-op */
    u32 before = exc_count[EXC_UND];
    __asm__ volatile("msr cpsr_f, #0\n\t.word 0x07f000f0" ::: "cc");
    printf("failed-condition undefined: taken=%u\n", exc_count[EXC_UND] - before);
    exc_hooks[EXC_UND] = 0;
}

static void pabt_hook(int type, struct exc_frame *f)
{
    printf("pabt lr-mark=%x spsr=%08x cpsr=%08x\n", f->lr - mark, f->spsr, get_cpsr());
}

static void breakpoints(void)
{
    exc_hooks[EXC_PABT] = pabt_hook;
    __asm__ volatile("adr r0, 1f\n\tstr r0, [%0]\n1:\tbkpt #0x1234" :: "r"(&mark) : "r0", "memory");
    __asm__ volatile("adr r0, 1f\n\tstr r0, [%0]\n\tmsr cpsr_f, #0xf0000000\n1:\tbkpt #0" :: "r"(&mark) : "r0", "memory", "cc");
    exc_hooks[EXC_PABT] = 0;
}

static void irq_hook(int type, struct exc_frame *f)
{
    u32 st = REG32(type == EXC_IRQ ? VIC_IRQSTATUS : VIC_FIQSTATUS);
    printf("%s lr-mark=%x spsr=%08x cpsr=%08x status=%08x raw=%08x\n", exc_names[type],
           f->lr - mark, f->spsr, get_cpsr(), st, REG32(VIC_RAWINTR));
    REG32(VIC_SOFTINTCLEAR) = st;
}

/* Raise VIC software interrupt `line` (as IRQ or FIQ), then unmask in CPSR:
   the exception is taken right after the unmasking MSR. */
static void raise_soft(u32 line, int fiq)
{
    REG32(VIC_INTSELECT) = fiq ? 1u << line : 0;
    REG32(VIC_INTENABLE) = 1u << line;
    REG32(VIC_SOFTINT) = 1u << line;
    printf("raised line %u: irqstatus=%08x fiqstatus=%08x\n", line, REG32(VIC_IRQSTATUS), REG32(VIC_FIQSTATUS));
    u32 unmask = fiq ? 0x93 : 0x53;
    __asm__ volatile("adr r0, 1f\n\tstr r0, [%0]\n1:\tmsr cpsr_c, %1\n\tnop\n\tnop\n\tmsr cpsr_c, #0xd3"
                     :: "r"(&mark), "r"(unmask) : "r0", "memory");
    REG32(VIC_INTENCLEAR) = 0xffffffff;
    REG32(VIC_INTSELECT) = 0;
}

static void interrupts(void)
{
    exc_hooks[EXC_IRQ] = irq_hook;
    exc_hooks[EXC_FIQ] = irq_hook;
    raise_soft(1, 0);
    raise_soft(20, 0);
    raise_soft(3, 1);
    /* masked in the VIC: nothing is taken, but the raw status shows it */
    REG32(VIC_SOFTINT) = 1u << 7;
    __asm__ volatile("msr cpsr_c, #0x13\n\tnop\n\tmsr cpsr_c, #0xd3");
    printf("masked softint: raw=%08x irqstatus=%08x irqs=%u fiqs=%u\n",
           REG32(VIC_RAWINTR), REG32(VIC_IRQSTATUS), exc_count[EXC_IRQ], exc_count[EXC_FIQ]);
    REG32(VIC_SOFTINTCLEAR) = 1u << 7;
    printf("after clear raw=%08x\n", REG32(VIC_RAWINTR));
    exc_hooks[EXC_IRQ] = 0;
    exc_hooks[EXC_FIQ] = 0;
}

static u32 user_probe(u32 arg)
{
    u32 a = get_cpsr(), b, c;
    __asm__ volatile("msr cpsr_c, #0xd3\n\tmrs %0, cpsr" : "=r"(b));   /* ignored in USR */
    __asm__ volatile("msr cpsr_f, #0x90000000\n\tmrs %0, cpsr" : "=r"(c) :: "cc");
    printf("user: cpsr=%08x after msr_c=%08x after msr_f=%08x arg=%x\n", a, b, c, arg);
    /* CP15 is privileged: undefined in USR */
    u32 before = exc_count[EXC_UND];
    __asm__ volatile("mrc p15, 0, r0, c0, c0, 0" ::: "r0");
    printf("user: cp15 read undefined=%u\n", exc_count[EXC_UND] - before);
    /* semihosting is refused in USR mode: the call is an ordinary SVC */
    before = exc_count[EXC_SVC];
    u32 r = sh_call(SYS_WRITE0, (u32)"semihosting from USR\n");
    printf("user: semihosting svc taken as exception=%u r0=%x\n", exc_count[EXC_SVC] - before, r);
    return arg * 2;
}

static void user_mode(void)
{
    u32 r = run_user(user_probe, 0x21);
    printf("back from user: result=%x cpsr=%08x\n", r, get_cpsr());
}

/* LDM with pc and ^ copies SPSR to CPSR: land in SYS mode with chosen flags. */
static void ldm_exception_return(void)
{
    u32 words[2], v;
    __asm__ volatile(
        "adr r0, 1f\n\tstr r0, [%1]\n\t"
        "msr spsr_fsxc, %2\n\t"
        "ldmia %1, {pc}^\n"
        "1:\tmrs %0, cpsr\n\tmsr cpsr_c, #0xd3"
        : "=r"(v) : "r"(words), "r"(0x600000dfu) : "r0", "memory", "cc");
    printf("ldm ^ with pc -> cpsr=%08x\n", v);
}

int main(void)
{
    printf("modes: start cpsr=%08x\n", get_cpsr());
    banked_registers();
    msr_masks();
    svc_calls();
    undefined();
    breakpoints();
    interrupts();
    user_mode();
    ldm_exception_return();
    printf("exceptions taken:");
    for (int i = 0; i < 8; i++) printf(" %s=%u", exc_names[i], exc_count[i]);
    printf("\nmodes: done\n");
    return 0;
}
