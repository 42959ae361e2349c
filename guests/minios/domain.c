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

int poll_ports(const uint32_t *ports, unsigned n, uint64_t timeout_ns)
{
    struct sched_poll p; /* on the stack: each vCPU may poll at once */
    p.ports.q = 0;
    p.ports.p = (uint32_t *)ports;
    p.nr_ports = n;
    p.timeout = timeout_ns;
    return hypercall(__HYPERVISOR_sched_op, SCHEDOP_poll, (uint32_t)&p, 0, 0);
}

int remote_shutdown(unsigned domid, int reason)
{
    struct sched_remote_shutdown r;
    r.domain_id = domid;
    r.reason = reason;
    return hypercall(__HYPERVISOR_sched_op, SCHEDOP_remote_shutdown, (uint32_t)&r, 0, 0);
}
