#include "xen.h"
#include "hvm.h"

int hvm_get_param(unsigned domid, unsigned index, uint64_t *value)
{
    static struct { uint16_t domid; uint32_t index; uint64_t value; } p;
    p.domid = domid; p.index = index; p.value = 0xDEAD;
    int rc = hypercall(__HYPERVISOR_hvm_op, HVMOP_get_param, (uint32_t)&p, 0, 0);
    *value = p.value;
    return rc;
}
