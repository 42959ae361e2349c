/* Grants two pages to domain 2 (ref 8 read-only, ref 9 writable), waits for it to finish, then
 * reads what it wrote through the writable grant. */
#include "minios.h"

#define SECRET_PFN 0x100
#define SHARED_PFN 0x101
static volatile int events;
static void on_event(unsigned port) { events++; }

static void copy_string(volatile char *dst, const char *src) { while ((*dst++ = *src++)) ; }

int main(void)
{
    events_init(on_event);
    volatile struct grant_entry_v1 *gt = grant_table_init();
    copy_string((volatile char *)(SECRET_PFN << 12), "granted page of d1");
    int peer = cmdline_int("peer", 2);
    gt[8].domid = peer; gt[8].frame = SECRET_PFN;
    __asm__ volatile("" ::: "memory"); /* domid and frame before flags, as the ABI asks */
    gt[8].flags = GTF_permit_access | GTF_readonly;
    gt[9].domid = peer; gt[9].frame = SHARED_PFN;
    __asm__ volatile("" ::: "memory");
    gt[9].flags = GTF_permit_access;
    int port = evtchn_alloc_unbound(peer);
    print_dec("granter: grants ready, port ", port);
    while (events < 1) block();   /* the grantee signals when it is done */
    print("granter: shared page now says: ");
    print((const char *)(SHARED_PFN << 12));
    print("\n");
    const char *want = "written by d", *got = (const char *)(SHARED_PFN << 12);
    int same = 1;
    for (int i = 0; want[i]; i++) same &= got[i] == want[i];
    check(same, "the grantee wrote through the writable grant");
    return test_result();
}
