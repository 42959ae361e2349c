#include "grants.h"

int physmap(uint16_t domid, uint32_t space, uint64_t idx, uint64_t gpfn)
{
    static struct xen_add_to_physmap m;
    m.domid = domid; m.size = 0; m.space = space; m.idx = idx; m.gpfn = gpfn;
    return hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, (uint32_t)&m, 0, 0);
}

int map_raw(uint16_t dom, uint32_t ref, uint64_t host_addr, uint32_t flags, uint32_t *handle)
{
    static struct gnttab_map_grant_ref op;
    op.host_addr = host_addr; op.flags = flags; op.ref = ref; op.dom = dom;
    op.status = 99; op.handle = 0xFFFFFFFF;
    int rc = hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref, (uint32_t)&op, 1, 0);
    if (handle) *handle = op.handle;
    return rc < 0 ? rc : op.status;
}

int unmap_raw(uint64_t host_addr, uint32_t handle)
{
    static struct gnttab_unmap_grant_ref op;
    op.host_addr = host_addr; op.dev_bus_addr = 0; op.handle = handle; op.status = 99;
    int rc = hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_unmap_grant_ref, (uint32_t)&op, 1, 0);
    return rc < 0 ? rc : op.status;
}

int copy_raw(uint16_t flags, uint16_t sdom, uint64_t src, uint16_t soff,
             uint16_t ddom, uint64_t dst, uint16_t doff, uint16_t len)
{
    static struct gnttab_copy op;
    op.source.u.gmfn = src; op.source.domid = sdom; op.source.offset = soff;
    op.dest.u.gmfn = dst; op.dest.domid = ddom; op.dest.offset = doff;
    op.len = len; op.flags = flags; op.status = 99;
    int rc = hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_copy, (uint32_t)&op, 1, 0);
    return rc < 0 ? rc : op.status;
}
