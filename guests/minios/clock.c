#include "events.h"
#include "clock.h"

uint64_t system_time(void) { return vcpu_system_time(&shared->vcpu_info[0]); }

uint64_t vcpu_system_time(volatile struct vcpu_info *info)
{
    volatile struct vcpu_time_info *t = &info->time;
    uint32_t version;
    uint64_t now;
    do {
        version = t->version;
        now = t->system_time;
    } while ((version & 1) || version != t->version);
    return now;
}

void set_timer(uint64_t deadline_ns)
{
    hypercall(__HYPERVISOR_set_timer_op, (uint32_t)deadline_ns, (uint32_t)(deadline_ns >> 32), 0, 0);
}
