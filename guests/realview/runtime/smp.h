/* SMP helpers for realview-eb-mpcore guests: CPU number, barriers, a LDREX/STREX spinlock
   with WFE/SEV, the GIC (arm11mpcore private region at 0x10100000) and the private timers. */
#ifndef SMP_H
#define SMP_H
#include "rt.h"

#define NCPUS 4

#define SYSCTL        0x10000000
#define PERIPH        0x10100000
#define SCU_CTRL      (PERIPH + 0x000)
#define SCU_CONFIG    (PERIPH + 0x004)
#define GICC          (PERIPH + 0x100)      /* this CPU's interface */
#define GICC_CPU(n)   (PERIPH + 0x200 + 0x100 * (n))
#define GICC_CTRL     0x00
#define GICC_PMR      0x04
#define GICC_IAR      0x0c
#define GICC_EOIR     0x10
#define TIMER         (PERIPH + 0x600)      /* this CPU's timer; +0x20 its watchdog */
#define TIMER_CPU(n)  (PERIPH + 0x700 + 0x100 * (n))
#define WDOG          (PERIPH + 0x620)
#define WDOG_CPU(n)   (PERIPH + 0x720 + 0x100 * (n))
#define TM_LOAD 0x00
#define TM_COUNT 0x04
#define TM_CTRL 0x08
#define TM_STATUS 0x0c
#define GICD          (PERIPH + 0x1000)
#define GICD_CTRL     (GICD + 0x000)
#define GICD_TYPE     (GICD + 0x004)
#define GICD_ISENABLE(n) (GICD + 0x100 + 4 * (n))
#define GICD_SGIR     (GICD + 0xf00)
#define PPI_TIMER     29
#define PPI_WDOG      30

static inline u32 cpu_id(void) { return CP15_READ(c0, 0, c0, 5) & 3; }
static inline void dmb(void) { __asm__ volatile("mcr p15, 0, %0, c7, c10, 5" :: "r"(0) : "memory"); }
static inline void dsb(void) { __asm__ volatile("mcr p15, 0, %0, c7, c10, 4" :: "r"(0) : "memory"); }
static inline void sev(void) { __asm__ volatile("sev" ::: "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }
static inline void irq_enable(void) { __asm__ volatile("cpsie i" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("cpsid i" ::: "memory"); }

typedef struct { volatile u32 v; } spinlock_t;
void spin_lock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
u32 atomic_add(volatile u32 *p, u32 n);   /* returns the new value */

/* Releases CPUs 1..3 into secondary_main(cpu), which each program defines. */
void smp_start_secondaries(void);
void secondary_main(u32 cpu);
/* Waits (WFE) until *p reaches n; the writer must SEV. */
void wait_until(volatile u32 *p, u32 n);

/* With IRQs masked on entry and exit: sleeps in WFI (a pending IRQ wakes it even while
   masked) and takes interrupts between sleeps, until *flag is set by a handler. Checking
   with IRQs masked means an interrupt cannot slip in between the check and the WFI. */
void wait_irq_until(volatile u32 *flag);

/* GIC: distributor on; this CPU's interface on with every priority let through. */
void gic_init_dist(void);
void gic_init_cpu(void);
void gic_enable(u32 irq);  /* IDs 0-31 are banked: enables for the calling CPU */
#endif
