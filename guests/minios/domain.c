#include "xen.h"
#include "domain.h"

void shutdown(int reason)
{
    static uint32_t r;
    r = reason;
    hypercall(__HYPERVISOR_sched_op, SCHEDOP_shutdown, (uint32_t)&r, 0, 0);
}

void yield(void) { hypercall(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0, 0); }
void block(void) { hypercall(__HYPERVISOR_sched_op, SCHEDOP_block, 0, 0, 0); }
