/* Maps domain 1's grants and tries what it should not be able to do. Prints each status. */
#include "minios.h"

#define MAP_PFN 0x200
#define MAP2_PFN 0x201
static void on_event(unsigned port) { }

int main(void)
{
    events_init(on_event);
    int port, peer = cmdline_int("peer", 1), self = cmdline_int("self", 2), st;
    while ((port = evtchn_bind_interdomain(peer, 1)) < 0) yield();
    unsigned handle, handle2;
    print_dec("grantee: map ref 8 read-only: status ", st = grant_map(peer, 8, MAP_PFN, 1, &handle));
    check_eq(st, 0, "map a read-only grant");
    print("grantee: it says: ");
    print((const char *)(MAP_PFN << 12));
    print("\n");
    check(((const char *)(MAP_PFN << 12))[0] == 'g', "the granted page holds the granter's text");
    print_dec("grantee: map ref 8 writable: status ", st = grant_map(peer, 8, MAP2_PFN, 0, 0));
    check_eq(st, -1, "write-map a read-only grant: GNTST_general_error");
    print_dec("grantee: map unused ref 7: status ", st = grant_map(peer, 7, MAP2_PFN, 1, 0));
    check_eq(st, -1, "map an unused entry: GNTST_general_error");
    print_dec("grantee: map ref 100000: status ", st = grant_map(peer, 100000, MAP2_PFN, 1, 0));
    check_eq(st, -3, "map a reference past the table: GNTST_bad_gntref");
    print_dec("grantee: map outside its memory: status ", st = grant_map(peer, 8, 0x100000, 1, 0));
    check_eq(st, -5, "map outside its own memory: GNTST_bad_virt_addr");
    print_dec("grantee: map from itself: status ", st = grant_map(self, 8, MAP2_PFN, 1, 0));
    check_eq(st, -2, "map from itself: GNTST_bad_domain");
    print_dec("grantee: unmap a bogus handle: status ", st = grant_unmap(MAP_PFN, 12345));
    check_eq(st, -4, "unmap a bogus handle: GNTST_bad_handle");
    print_dec("grantee: unmap ref 8: status ", st = grant_unmap(MAP_PFN, handle));
    check_eq(st, 0, "unmap");
    print_dec("grantee: map ref 9 writable: status ", st = grant_map(peer, 9, MAP2_PFN, 0, &handle2));
    check_eq(st, 0, "map a writable grant");
    const char *reply = "written by d2 through a grant";
    volatile char *p = (volatile char *)(MAP2_PFN << 12);
    while ((*p++ = *reply++)) ;
    print_dec("grantee: unmap ref 9: status ", st = grant_unmap(MAP2_PFN, handle2));
    check_eq(st, 0, "unmap the writable grant");
    evtchn_send(port);
    return test_result();
}
