#include "grant.h"

#define EBUSY 16
#define ENOSPC 28
#define FIRST_REF 8
#define REFS 512    /* one grant-table frame */
static volatile struct grant_entry_v1 *table;

volatile struct grant_entry_v1 *grant_table_init(void)
{
    static struct xen_add_to_physmap map;
    if (table) return table;
    map.domid = DOMID_SELF; map.space = 1; map.idx = 0; map.gpfn = GRANT_TABLE_PFN;
    if (hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, (uint32_t)&map, 0, 0) != 0) return 0;
    table = (volatile struct grant_entry_v1 *)(GRANT_TABLE_PFN << 12);
    return table;
}

int gnttab_grant_access(int domid, unsigned pfn, int readonly)
{
    if (!grant_table_init()) return -ENOSPC;
    for (unsigned ref = FIRST_REF; ref < REFS; ref++) {
        if (table[ref].flags) continue;
        table[ref].domid = domid;
        table[ref].frame = pfn;
        __asm__ volatile("" ::: "memory"); /* the hypervisor must never see flags before frame */
        table[ref].flags = GTF_permit_access | (readonly ? GTF_readonly : 0);
        return ref;
    }
    return -ENOSPC;
}

int gnttab_end_access(unsigned ref)
{
    /* Xen uses cmpxchg here; ARMv5 has none. A map racing this check from another CPU is
     * the protocol's fault: end access once the peer has said it unmapped (vchan.c does). */
    if (ref < FIRST_REF || ref >= REFS || !table) return -EBUSY;
    if (table[ref].flags & (GTF_reading | GTF_writing)) return -EBUSY;
    table[ref].flags = 0;
    return 0;
}

int grant_map(int dom, unsigned ref, unsigned pfn, int readonly, unsigned *handle)
{
    static struct gnttab_map_grant_ref op;
    op.host_addr = (uint64_t)pfn << 12;
    op.flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0);
    op.ref = ref; op.dom = dom; op.status = 99; op.handle = 0;
    int rc = hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref, (uint32_t)&op, 1, 0);
    if (handle) *handle = op.handle;
    return rc < 0 ? rc : op.status;
}

int grant_unmap(unsigned pfn, unsigned handle)
{
    static struct gnttab_unmap_grant_ref op;
    op.host_addr = (uint64_t)pfn << 12; op.handle = handle; op.status = 99;
    int rc = hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_unmap_grant_ref, (uint32_t)&op, 1, 0);
    return rc < 0 ? rc : op.status;
}
