/* Grant tables (v1, docs/abi.md "Grants"): offering own pages to another domain and mapping
 * pages others offer. Results are >= 0 on success, a negative Xen errno or GNTST_* otherwise. */
#ifndef GRANT_H
#define GRANT_H
#include "xen.h"

/* Grant table frame 0 mapped at GRANT_TABLE_PFN; returns the entries (0 on failure). */
#define GRANT_TABLE_PFN 0xE0
volatile struct grant_entry_v1 *grant_table_init(void);

/* Offers page pfn to domid: returns the grant reference (refs below 8 are left to the
 * toolstack, as Xen's GNTTAB_NR_RESERVED_ENTRIES), or -ENOSPC. Calls grant_table_init. */
int gnttab_grant_access(int domid, unsigned pfn, int readonly);
/* Withdraws the offer: -EBUSY while the other domain still has the page mapped (the entry
 * stays), 0 once it is revoked and the reference free again. */
int gnttab_end_access(unsigned ref);

/* Maps domain dom's grant ref over our page pfn; the status (GNTST_okay = 0) or -errno. */
int grant_map(int dom, unsigned ref, unsigned pfn, int readonly, unsigned *handle);
/* Puts our own page back at pfn. */
int grant_unmap(unsigned pfn, unsigned handle);
#endif
