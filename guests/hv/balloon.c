/* memory_op reservations (docs/abi.md), as a balloon driver uses them: current and maximum
 * reservation, decrease_reservation (the pages go, scrubbed, and hypercalls can no longer reach
 * them), populate_physmap (zeroed pages come back), extents of order 2, resuming at a start
 * extent, and the requests that must stop at 0 extents. */
#include "minios.h"

#define EFAULT 14
#define ESRCH 3
#define ENOSYS 38
#define UNMAPPED 0xF0000000u

static int memory_op(unsigned cmd, void *arg) { return hypercall(__HYPERVISOR_memory_op, cmd, (uint32_t)arg, 0, 0); }

static int reservation(unsigned cmd, uint64_t *frames, unsigned n, unsigned order, unsigned domid)
{
    struct xen_memory_reservation r = { 0 };
    r.extent_start.p = frames;
    r.nr_extents = n;
    r.extent_order = order;
    r.domid = domid;
    return memory_op(cmd, &r);
}

static int pages_of(unsigned cmd, unsigned domid)
{
    uint16_t d = domid;
    return memory_op(cmd, &d);
}

static int current_pages(void) { return pages_of(XENMEM_current_reservation, DOMID_SELF); }

int main(void)
{
    int pages = cmdline_int("pages", 0);
    check_eq(current_pages(), pages, "current_reservation: the domain's pages");
    check_eq(pages_of(XENMEM_maximum_reservation, DOMID_SELF), cmdline_int("max", 0), "maximum_reservation: maxmem");

    unsigned pfn = pages_alloc(4);
    volatile uint32_t *page = PAGE_ADDRESS(pfn);
    for (int i = 0; i < 4; i++) page[i * 1024] = 0xC0FFEE00 + i;
    uint64_t frames[4] = { pfn, pfn + 1, pfn + 2, pfn + 3 };

    check_eq(reservation(XENMEM_decrease_reservation, frames, 4, 0, DOMID_SELF), 4, "decrease_reservation of 4 pages");
    check_eq(current_pages(), pages - 4, "4 pages fewer");
    check_eq(hypercall(__HYPERVISOR_xen_version, 1, (uint32_t)page, 0, 0), -EFAULT,
             "a hypercall cannot write into a page given back");
    check_eq(reservation(XENMEM_decrease_reservation, frames, 1, 0, DOMID_SELF), 0, "a page given back cannot go twice");
    check_eq(reservation(XENMEM_populate_physmap, frames, 4, 0, DOMID_SELF), 4, "populate_physmap of 4 pages");
    check_eq(current_pages(), pages, "the 4 pages are back");
    int zero = 1;
    for (int i = 0; i < 4; i++) zero &= page[i * 1024] == 0;
    check(zero, "populated pages come zeroed");
    check_eq(reservation(XENMEM_populate_physmap, frames, 1, 0, DOMID_SELF), 0, "a backed frame is not populated again");
    print("balloon: 4 pages given back and populated again\n");

    check_eq(reservation(XENMEM_decrease_reservation, frames, 1, 2, DOMID_SELF), 1, "an order-2 extent goes");
    check_eq(current_pages(), pages - 4, "an order-2 extent is 4 pages");
    check_eq(reservation(XENMEM_populate_physmap, frames, 1, 2, DOMID_SELF), 1, "an order-2 extent comes back");
    check_eq(reservation(XENMEM_decrease_reservation, frames, 1, 10, DOMID_SELF), 0, "order 10 is beyond a guest's 9");

    /* Resuming: the command's upper bits say where to start. */
    check_eq(memory_op(XENMEM_decrease_reservation | (2 << 6), &(struct xen_memory_reservation){
                 .extent_start.p = frames, .nr_extents = 4, .domid = DOMID_SELF }), 4, "resumed at extent 2");
    check_eq(current_pages(), pages - 2, "only extents 2 and 3 went");
    check_eq(reservation(XENMEM_populate_physmap, frames + 2, 2, 0, DOMID_SELF), 2, "and came back");
    print("balloon: order-2 extents and a resumed command checked\n");

    uint64_t beyond = pages;
    check_eq(reservation(XENMEM_decrease_reservation, &beyond, 1, 0, DOMID_SELF), 0, "a frame beyond its memory");
    check_eq(reservation(XENMEM_decrease_reservation, (uint64_t *)UNMAPPED, 1, 0, DOMID_SELF), 0, "an unmapped extent list");
    check_eq(memory_op(XENMEM_decrease_reservation, (void *)UNMAPPED), 0, "an unmapped argument");
    check_eq(reservation(XENMEM_populate_physmap, frames, 1, 0, 999), 0, "a domain that does not exist");
    check_eq(pages_of(XENMEM_current_reservation, 999), -ESRCH, "current_reservation of no domain: -ESRCH");
    check_eq(reservation(XENMEM_increase_reservation, frames, 1, 0, DOMID_SELF), -ENOSYS,
             "increase_reservation: -ENOSYS (use populate_physmap)");
    check_eq(current_pages(), pages, "nothing else moved");
    print("balloon: refused requests checked\n");
    return test_result();
}
