/* hvm_op get_param (xen/include/public/hvm/hvm_op.h, params.h). */
#ifndef HVM_H
#define HVM_H
#include <stdint.h>

#define __HYPERVISOR_hvm_op 34
#define HVMOP_get_param 1
#define HVM_PARAM_STORE_PFN 1
#define HVM_PARAM_STORE_EVTCHN 2
#define HVM_PARAM_CONSOLE_PFN 17
#define HVM_PARAM_CONSOLE_EVTCHN 18

/* 0 and the value, or a negative Xen errno. */
int hvm_get_param(unsigned domid, unsigned index, uint64_t *value);
/* One of dom0's rings for this domain (xenstore or console): the page, mapped at its frame, and
 * the event channel, from the two params that name them. 0, a negative Xen errno, or -2 (ENOENT)
 * when the domain has no such ring (frame 0). */
int hvm_get_ring(unsigned pfn_param, unsigned evtchn_param, volatile void **page, unsigned *port);
#endif
