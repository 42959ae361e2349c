/* Raw grant-table and memory calls for attacks: every field chosen by the caller. */
#ifndef GRANTS_H
#define GRANTS_H
#include "hostile.h"

#define __HYPERVISOR_vcpu_op 24
#define GNTTABOP_setup_table 2
#define GNTTABOP_query_size 6
#define DOMID_IO 0x7FF1
#define DOMID_XEN 0x7FF2
#define DOMID_INVALID 0x7FF4

int physmap(uint16_t domid, uint32_t space, uint64_t idx, uint64_t gpfn);
/* map_grant_ref with a raw host address and flags: the call's result, else the status. */
int map_raw(uint16_t dom, uint32_t ref, uint64_t host_addr, uint32_t flags, uint32_t *handle);
int unmap_raw(uint64_t host_addr, uint32_t handle);
/* One gnttab_copy: gref or gmfn on each side as flags say; the call's result, else the status. */
int copy_raw(uint16_t flags, uint16_t sdom, uint64_t src, uint16_t soff,
             uint16_t ddom, uint64_t dst, uint16_t doff, uint16_t len);
#endif
