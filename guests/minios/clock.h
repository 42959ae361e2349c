/* The monotonic clock and the one-shot timer (docs/abi.md, "System time"). */
#ifndef CLOCK_H
#define CLOCK_H
#include <stdint.h>
#define MILLISECONDS(n) ((uint64_t)(n) * 1000000)
/* Nanoseconds of system time, as last published in vcpu_time_info (needs events_init). */
uint64_t system_time(void);
/* The same, from another vcpu_info: a vCPU that registered its own (VCPUOP_register_vcpu_info)
 * reads its time there, since only the vCPU's own vcpu_info is refreshed when it is entered. */
struct vcpu_info;
uint64_t vcpu_system_time(volatile struct vcpu_info *info);
/* set_timer_op: VIRQ_TIMER fires once system time reaches deadline_ns; 0 cancels. */
void set_timer(uint64_t deadline_ns);
#endif
