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

int hvm_get_ring(unsigned pfn_param, unsigned evtchn_param, volatile void **page, unsigned *port)
{
    uint64_t pfn, evtchn;
    int rc = hvm_get_param(DOMID_SELF, pfn_param, &pfn);
    if (rc == 0) rc = hvm_get_param(DOMID_SELF, evtchn_param, &evtchn);
    if (rc) return rc;
    if (pfn == 0) return -2;
    *page = (volatile void *)(uint32_t)(pfn << 12);
    *port = (unsigned)evtchn;
    return 0;
}
