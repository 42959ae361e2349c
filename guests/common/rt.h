/* The guest runtime: UART0 output, a small printf, semihosting, exceptions,
   and register access helpers shared by every test program. */
#ifndef RT_H
#define RT_H

typedef unsigned int u32;
typedef int s32;
typedef unsigned short u16;
typedef unsigned char u8;
typedef unsigned long long u64;
typedef long long s64;

#define REG32(a) (*(volatile u32 *)(a))

/* uart.c: PL011 UART0, polled */
void uart_putc(int c);
void uart_puts(const char *s);
void printf(const char *fmt, ...);

/* semihost.c */
u32 sh_call(u32 op, u32 arg);
void sh_exit(int code) __attribute__((noreturn));
enum {
    SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04,
    SYS_WRITE = 0x05, SYS_READ = 0x06, SYS_READC = 0x07, SYS_ISERROR = 0x08,
    SYS_ISTTY = 0x09, SYS_SEEK = 0x0A, SYS_FLEN = 0x0C, SYS_TMPNAM = 0x0D,
    SYS_REMOVE = 0x0E, SYS_RENAME = 0x0F, SYS_CLOCK = 0x10, SYS_TIME = 0x11,
    SYS_SYSTEM = 0x12, SYS_ERRNO = 0x13, SYS_GET_CMDLINE = 0x15,
    SYS_HEAPINFO = 0x16, SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20,
    SYS_ELAPSED = 0x30, SYS_TICKFREQ = 0x31,
};
#define ADP_Stopped_ApplicationExit 0x20026
#define ADP_Stopped_RunTimeErrorUnknown 0x20023

/* exceptions.c */
enum { EXC_RESET, EXC_UND, EXC_SVC, EXC_PABT, EXC_DABT, EXC_UNUSED, EXC_IRQ, EXC_FIQ };
struct exc_frame {
    u32 r[13];
    u32 lr;      /* banked lr as the CPU set it */
    u32 spsr;
    u32 resume;  /* where the stub returns to; handlers may change it */
};
typedef void (*exc_hook_t)(int type, struct exc_frame *f);
/* A hook replaces the default report for that exception type. */
extern exc_hook_t exc_hooks[8];
extern volatile u32 exc_count[8];
extern const char *const exc_names[8];
void exc_report(int type, struct exc_frame *f);

/* user.S: calls fn(arg) in USR mode and returns its result in SVC mode */
u32 run_user(u32 (*fn)(u32), u32 arg);
#define SVC_LEAVE_USER 0xff   /* "svc #0xff" from USR: back to SVC mode */

/* CPSR and SPSR access */
static inline u32 get_cpsr(void) { u32 v; __asm__ volatile("mrs %0, cpsr" : "=r"(v)); return v; }
static inline void set_cpsr_c(u32 v) { __asm__ volatile("msr cpsr_c, %0" :: "r"(v) : "memory"); }
static inline u32 get_spsr(void) { u32 v; __asm__ volatile("mrs %0, spsr" : "=r"(v)); return v; }

/* CP15 helpers, opcodes fixed at compile time */
#define CP15_READ(crn, op1, crm, op2) ({ u32 _v; \
    __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(_v) :: "memory"); _v; })
#define CP15_WRITE(crn, op1, crm, op2, v) \
    __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"((u32)(v)) : "memory")

/* flags NZCVQ of a CPSR value as letters, upper case when set */
void print_flags(u32 psr);

extern char __free_ram[];

#endif
