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
#endif
