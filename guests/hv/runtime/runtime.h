/* The tiny runtime for hypervisor test guests: console, shutdown, events. */
#ifndef RUNTIME_H
#define RUNTIME_H
#include "xen.h"

void print(const char *s);
void print_dec(const char *label, int value);
void shutdown(int reason);
/* The guest frame events_init maps shared_info at. */
#define SHARED_INFO_PFN 0xF0
/* Maps shared_info and registers the upcall handler; events arrive through on_event(port). */
void events_init(void (*on_event)(unsigned port));
int evtchn_alloc_unbound(int remote_dom);
int evtchn_bind_interdomain(int remote_dom, unsigned remote_port);
int evtchn_send(unsigned port);
void block(void);
int bind_virq(unsigned virq);
/* VCPUOP_register_vcpu_info: the vCPU's vcpu_info moves to (pfn, offset). */
int register_vcpu_info(unsigned vcpu, unsigned pfn, unsigned offset);
/* Nanoseconds of system time, as last published in vcpu_time_info. */
uint64_t system_time(void);
void set_timer(uint64_t deadline_ns);
/* Grant table frame 0 mapped at GRANT_TABLE_PFN; returns the entries. */
#define GRANT_TABLE_PFN 0xE0
volatile struct grant_entry_v1 *grant_table_init(void);
int grant_map(int dom, unsigned ref, unsigned pfn, int readonly, unsigned *handle);
int grant_unmap(unsigned pfn, unsigned handle);
void yield(void);
extern volatile struct shared_info *shared;

/* Faults (docs/abi.md): kind 1 undefined, 2 SVC, 3 prefetch abort, 4 data abort. */
struct trap_frame { uint32_t r[13], sp, lr, pc, cpsr, kind, address, status; };
void traps_init(void (*handler)(struct trap_frame *));

/* The domain's command line (cmdline= in its configuration): "key=value" words. */
int cmdline_int(const char *key, int fallback);

/* XTF-style self-checks: each check that fails is reported; test_result() prints
 * "Test result: SUCCESS" or "Test result: FAILURE" and gives the shutdown reason to return
 * from main (poweroff on success, crash on failure, so `cloister run` exits non-zero). */
void check(int ok, const char *what);
void check_eq(int got, int want, const char *what);
int test_result(void);
#endif
