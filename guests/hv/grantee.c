/* Maps domain 1's grants and tries what it should not be able to do. Prints each status. */
#include "runtime.h"

#define MAP_PFN 0x200
#define MAP2_PFN 0x201
static void on_event(unsigned port) { }

int main(void)
{
    events_init(on_event);
    int port;
    while ((port = evtchn_bind_interdomain(1, 1)) < 0) yield();
    unsigned handle, handle2;
    print_dec("grantee: map ref 8 read-only: status ", grant_map(1, 8, MAP_PFN, 1, &handle));
    print("grantee: it says: ");
    print((const char *)(MAP_PFN << 12));
    print("\n");
    print_dec("grantee: map ref 8 writable: status ", grant_map(1, 8, MAP2_PFN, 0, 0));
    print_dec("grantee: map unused ref 7: status ", grant_map(1, 7, MAP2_PFN, 1, 0));
    print_dec("grantee: map ref 100000: status ", grant_map(1, 100000, MAP2_PFN, 1, 0));
    print_dec("grantee: map outside its memory: status ", grant_map(1, 8, 0x100000, 1, 0));
    print_dec("grantee: map from itself: status ", grant_map(2, 8, MAP2_PFN, 1, 0));
    print_dec("grantee: unmap a bogus handle: status ", grant_unmap(MAP_PFN, 12345));
    print_dec("grantee: unmap ref 8: status ", grant_unmap(MAP_PFN, handle));
    print_dec("grantee: map ref 9 writable: status ", grant_map(1, 9, MAP2_PFN, 0, &handle2));
    const char *reply = "written by d2 through a grant";
    volatile char *p = (volatile char *)(MAP2_PFN << 12);
    while ((*p++ = *reply++)) ;
    print_dec("grantee: unmap ref 9: status ", grant_unmap(MAP2_PFN, handle2));
    evtchn_send(port);
    return 0;
}
