/* Faults (docs/abi.md): kind 1 undefined, 2 SVC, 3 prefetch abort, 4 data abort. */
#ifndef TRAPS_H
#define TRAPS_H
#include <stdint.h>
struct trap_frame { uint32_t r[13], sp, lr, pc, cpsr, kind, address, status; };
/* The handler may change the frame (e.g. pc += 4 to skip the faulting instruction). */
void traps_init(void (*handler)(struct trap_frame *));
#endif
