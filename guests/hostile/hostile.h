/* Shared by the hostile guests: written from docs/abi.md and REFERENCE.md only.
 * The victim is domain 1; each attacker is told its own id (self=) and the victim's port
 * reserved for it (port=) on its command line. */
#ifndef HOSTILE_H
#define HOSTILE_H
#include "minios.h"

#define VICTIM 1
#define PAGES 1024                       /* every hostile domain has memory = 4 (MiB) */
#define MEM_END (PAGES << 12)
/* Each victim secret page starts with these two words; a leak is any page that shows them. */
#define SECRET0 0x5EC2E75Au
#define SECRET1 0xA55AC0DEu
/* The victim's public page (granted read-only to every attacker) is filled with PUBLIC ^ i. */
#define PUBLIC 0x9B11C000u
#define SECRET_FIRST_PFN 0x100
#define SECRET_PAGES 0x100
#define PUBLIC_PFN 0x200
#define PUBLIC_REF_BASE 8                /* ref 8 + k: the public page, read-only, to domain 2 + k */
#define SECRET_REF_RO 40                 /* a secret page granted read-only to NOBODY */
#define SECRET_REF_RW 41                 /* a secret page granted writable to NOBODY */
#define NOBODY 77                        /* a domain id that does not exist */
/* memory.c grants this ref (page FREED_WHILE_MAPPED_PFN) to the accomplice, then tries to free it. */
#define ACCOMPLICE_REF 30
#define FREED_WHILE_MAPPED_PFN 0x1B0
#define GOOD_WORD(i) (0x600D0000u | (i))
#define FRESH_WORD(i) (0xF4E50000u | (i))

#define EFAULT 14
#define EINVAL 22
#define ENOSYS 38

/* Every attack ends in exactly one line: "refused: NAME (rc)" or "BREACH: NAME (rc)". */
void refused_if(int refused, const char *name, int rc);
#define expect_refused(rc, name) refused_if((rc) < 0, (name), (rc))
/* An attack whose call may succeed harmlessly; the domain must merely survive it. */
void survived(const char *name, int rc);

int page_has_secret(uint32_t pfn);
int page_is_public(uint32_t pfn);

/* Fault probes: run one access with the fault handler armed; the result is the fault kind
 * (0 none, 1 undefined, 2 SVC, 3 prefetch abort, 4 data abort). */
void probes_init(void);
int probe_read(uint32_t address, uint32_t *value);
int probe_write(uint32_t address, uint32_t value);
int probe_jump(uint32_t address);        /* branches to address */
/* Runs the instructions in TEXT (r0-r3 free) with the handler armed; gives the fault kind. */
extern volatile uint32_t probe_kind, probe_address, probe_resume;
#define PROBE(text) ({ probe_kind = 0; \
    __asm__ volatile("adr r3, 1f\n str r3, [%0]\n" text "\n1:\n" \
                     :: "r"(&probe_resume) : "r0", "r1", "r2", "r3", "memory"); probe_kind; })

/* The attacker side of the victim's rendezvous port (docs: bind_interdomain). */
/* Blocks until *counter differs from before (masked while looking, so no event is lost). */
void wait_for_event(volatile int *counter, int before);

int attacker_join(void);                 /* returns the local port, after the victim is ready */
int attacker_finish(int port);           /* tells the victim; prints and gives the test result */

#endif
