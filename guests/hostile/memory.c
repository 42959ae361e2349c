/* Attacker: another domain's frames by every path docs/abi.md offers — add_to_physmap with
 * foreign domains, spaces, indexes and frame numbers; grant maps with forged refs, domains
 * and flags, at addresses outside our memory; grant copies naming foreign frames; hypercall
 * results and vcpu_info aimed into a read-only granted page; double unmap; a granted page
 * freed while the accomplice maps it; and plain loads and stores outside our memory. */
#include "grants.h"

#define RO_PFN 0x170        /* where the victim's public page is mapped read-only */
#define FRESH_PFN 0x150     /* fresh grant-table frames land here */

static int self_id;

static void foreign_physmap(void)
{
    static const uint16_t doms[] = { VICTIM, 0, NOBODY, DOMID_IO, DOMID_XEN, DOMID_INVALID, 0xFFFF };
    for (unsigned i = 0; i < sizeof doms / sizeof doms[0]; i++) {
        expect_refused(physmap(doms[i], 0, 0, 0x160), "add_to_physmap shared_info of a foreign domain");
        expect_refused(physmap(doms[i], 1, 0, 0x160), "add_to_physmap grant frame of a foreign domain");
    }
    static const uint64_t idx[] = { 4, 5, 0xFFFFFFFF, 0x100000000ull, 0xFFFFFFFFFFFFFFFFull };
    for (unsigned i = 0; i < sizeof idx / sizeof idx[0]; i++)
        expect_refused(physmap(DOMID_SELF, 1, idx[i], 0x160), "add_to_physmap grant frame index out of range");
    expect_refused(physmap(DOMID_SELF, 0, 1, 0x160), "add_to_physmap shared_info index 1");
    static const uint32_t spaces[] = { 2, 3, 4, 0x80000000u, 0xFFFFFFFFu };
    for (unsigned i = 0; i < sizeof spaces / sizeof spaces[0]; i++)
        expect_refused(physmap(DOMID_SELF, spaces[i], SECRET_FIRST_PFN, 0x160), "add_to_physmap unknown space (idx = a victim frame number)");
    static const uint64_t gpfn[] = { PAGES, PAGES + 1, 0xC0000, 0xFFFF0, 0xFFFFF, 0x100000,
                                     0x100000000ull + 0x160, 0xFFFFFFFFFFFFFFFFull };
    for (unsigned i = 0; i < sizeof gpfn / sizeof gpfn[0]; i++) {
        expect_refused(physmap(DOMID_SELF, 0, 0, gpfn[i]), "add_to_physmap shared_info outside our memory");
        expect_refused(physmap(DOMID_SELF, 1, 0, gpfn[i]), "add_to_physmap grant frame outside our memory");
    }
}

static void fresh_frames_are_scrubbed(void)
{
    for (int f = 1; f < 4; f++) {
        int rc = physmap(DOMID_SELF, 1, f, FRESH_PFN + f);
        refused_if(rc == 0 && !page_has_secret(FRESH_PFN + f), "reading a fresh grant frame for freed secrets", rc);
    }
}

static void forged_grant_maps(void)
{
    static const uint32_t refs[] = { 0, 1, 2, 7, 8, 9, 10, 11, 12, 13, SECRET_REF_RO, SECRET_REF_RW,
                                     511, 512, 2047, 2048, 0x7FFFFFFF, 0xFFFFFFFF };
    uint32_t mine = PUBLIC_REF_BASE + self_id - 2;
    for (unsigned i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        if (refs[i] == mine) continue;
        expect_refused(map_raw(VICTIM, refs[i], RO_PFN << 12, GNTMAP_host_map | GNTMAP_readonly, 0), "map a victim ref not granted to us");
        expect_refused(map_raw(VICTIM, refs[i], RO_PFN << 12, GNTMAP_host_map, 0), "map a victim ref not granted to us, writable");
    }
    static const uint16_t doms[] = { DOMID_SELF, 0, NOBODY, DOMID_IO, DOMID_XEN, DOMID_INVALID, 0xFFFF };
    for (unsigned i = 0; i < sizeof doms / sizeof doms[0]; i++)
        expect_refused(map_raw(doms[i], SECRET_REF_RO, RO_PFN << 12, GNTMAP_host_map | GNTMAP_readonly, 0), "map ref 40 naming another granting domain");
    expect_refused(map_raw(VICTIM, mine, RO_PFN << 12, GNTMAP_host_map, 0), "map our read-only grant writable");
    expect_refused(map_raw(VICTIM, mine, RO_PFN << 12, GNTMAP_readonly, 0), "map without GNTMAP_host_map");
    static const uint64_t addrs[] = { MEM_END, 0xC0000000, 0xFFF00000, 0xFFFF0000, 0xFFFFF000, 0x101F1000,
                                      (RO_PFN << 12) + 4, 0x100000000ull + (RO_PFN << 12), 0xFFFFFFFFFFFFF000ull };
    for (unsigned i = 0; i < sizeof addrs / sizeof addrs[0]; i++)
        expect_refused(map_raw(VICTIM, mine, addrs[i], GNTMAP_host_map | GNTMAP_readonly, 0), "map our grant outside our memory or misaligned");
}

/* With the public page mapped read-only: nothing may write through the mapping. */
static void writes_through_read_only_mapping(void)
{
    uint32_t handle;
    int rc = map_raw(VICTIM, PUBLIC_REF_BASE + self_id - 2, RO_PFN << 12, GNTMAP_host_map | GNTMAP_readonly, &handle);
    check_eq(rc, 0, "the legitimate read-only map of the victim's public page");
    check(page_is_public(RO_PFN), "the public page reads as the victim wrote it");
    refused_if(probe_write((RO_PFN << 12) + 16, 0x0BAD) == 4, "store into a read-only grant mapping", 0);
    uint32_t ro = RO_PFN << 12;
    expect_refused(hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, ro, 0, 0), "alloc_unbound writing its port into the read-only page");
    expect_refused(hypercall(__HYPERVISOR_xen_version, 1, ro + 64, 0, 0), "xen_version extraversion into the read-only page");
    expect_refused(hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_query_size, ro + 128, 1, 0), "query_size status into the read-only page");
    expect_refused(hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref, ro + 256, 1, 0), "map_grant_ref status into the read-only page");
    expect_refused(hypercall(13, ro + 512, 2, 0, 0), "multicall results into the read-only page");
    expect_refused(hypercall(24, 10, 0, ro + 1024, 0), "register_vcpu_info args in the read-only page");
    static struct { uint64_t gfn; uint32_t offset, rsvd; } vi;
    vi.gfn = RO_PFN; vi.offset = 0;
    expect_refused(hypercall(24, 10, 0, (uint32_t)&vi, 0), "register_vcpu_info onto the victim's read-only page");
    expect_refused(physmap(DOMID_SELF, 0, 0, RO_PFN), "add_to_physmap shared_info over the grant mapping");
    survived("copy from our gmfn that is the read-only mapping", copy_raw(0, DOMID_SELF, RO_PFN, 0, DOMID_SELF, 0x190, 0, 64));
    expect_refused(copy_raw(0, DOMID_SELF, 0x190, 0, DOMID_SELF, RO_PFN, 0, 64), "grant copy to our gmfn that is the read-only mapping");
    expect_refused(copy_raw(GNTCOPY_dest_gref, DOMID_SELF, 0x190, 0, VICTIM, PUBLIC_REF_BASE + self_id - 2, 0, 64), "grant copy to our read-only gref");
    check(page_is_public(RO_PFN), "the public page survived every write attempt");
    check_eq(unmap_raw(RO_PFN << 12, handle), 0, "unmap the public page");
    expect_refused(unmap_raw(RO_PFN << 12, handle), "unmap the same handle twice");
    static const uint32_t handles[] = { 0, 1, 2, 100, 0xFFFF, 0xFFFFFFFF };
    for (unsigned i = 0; i < sizeof handles / sizeof handles[0]; i++)
        expect_refused(unmap_raw(RO_PFN << 12, handles[i]), "unmap a forged handle");
    rc = map_raw(VICTIM, PUBLIC_REF_BASE + self_id - 2, RO_PFN << 12, GNTMAP_host_map | GNTMAP_readonly, &handle);
    expect_refused(unmap_raw((RO_PFN + 1) << 12, handle), "unmap at another address than mapped");
    check_eq(unmap_raw(RO_PFN << 12, handle), 0, "unmap again");
    refused_if(!page_is_public(RO_PFN), "the unmapped page is ours again, not the victim's", 0);
}

static void foreign_copies(void)
{
    uint32_t mine = PUBLIC_REF_BASE + self_id - 2;
    static const uint16_t doms[] = { VICTIM, 0, NOBODY, DOMID_IO, DOMID_XEN, 0xFFFF };
    for (unsigned i = 0; i < sizeof doms / sizeof doms[0]; i++) {
        expect_refused(copy_raw(0, doms[i], SECRET_FIRST_PFN, 0, DOMID_SELF, 0x190, 0, 64), "copy from a foreign gmfn");
        expect_refused(copy_raw(0, DOMID_SELF, 0x190, 0, doms[i], SECRET_FIRST_PFN, 0, 64), "copy to a foreign gmfn");
    }
    expect_refused(copy_raw(GNTCOPY_source_gref, VICTIM, SECRET_REF_RO, 0, DOMID_SELF, 0x190, 0, 64), "copy from a ref granted to someone else");
    expect_refused(copy_raw(GNTCOPY_dest_gref, DOMID_SELF, 0x190, 0, VICTIM, SECRET_REF_RW, 0, 64), "copy to a ref granted to someone else");
    expect_refused(copy_raw(GNTCOPY_dest_gref, DOMID_SELF, 0x190, 0, VICTIM, mine, 0, 64), "copy to our read-only ref");
    expect_refused(copy_raw(GNTCOPY_source_gref, VICTIM, mine, 4000, DOMID_SELF, 0x190, 0, 200), "copy past the end of the source page");
    expect_refused(copy_raw(GNTCOPY_source_gref, VICTIM, mine, 0, DOMID_SELF, 0x190, 4000, 200), "copy past the end of the destination page");
    expect_refused(copy_raw(GNTCOPY_source_gref, VICTIM, mine, 0xFFFF, DOMID_SELF, 0x190, 0, 1), "copy at source offset 0xFFFF");
    static const uint64_t bad[] = { PAGES, 0xFFFF0, 0xFFFFF, 0x100000000ull + 0x190, 0xFFFFFFFFFFFFFFFFull };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        expect_refused(copy_raw(0, DOMID_SELF, bad[i], 0, DOMID_SELF, 0x190, 0, 64), "copy from our gmfn outside our memory");
        expect_refused(copy_raw(GNTCOPY_source_gref, VICTIM, mine, 0, DOMID_SELF, bad[i], 0, 64), "copy to our gmfn outside our memory");
    }
    int rc = copy_raw(GNTCOPY_source_gref, VICTIM, mine, 0, DOMID_SELF, 0x190, 0, 4096);
    check_eq(rc, 0, "the legitimate copy from our read-only ref");
    volatile uint32_t *w = (volatile uint32_t *)(0x190 << 12);
    check(w[5] == (PUBLIC ^ 5), "the legitimate copy brought the public data");
}

/* A page of ours granted to the accomplice (a domain on our side) and mapped there: we then
 * give it back to the hypervisor while it is mapped. The frame must not be freed — scrubbed
 * under the accomplice, then handed to someone else (here: our next grant-table frame). */
static volatile int accomplice_events;
static void on_event(unsigned port) { (void)port; accomplice_events++; }

static void free_while_mapped(void)
{
    int accomplice = cmdline_int("accomplice", 0);
    volatile struct grant_entry_v1 *gt = grant_table_init();
    volatile uint32_t *page = (volatile uint32_t *)(FREED_WHILE_MAPPED_PFN << 12);
    for (int i = 0; i < 1024; i++) page[i] = GOOD_WORD(i);
    gt[ACCOMPLICE_REF].domid = accomplice; gt[ACCOMPLICE_REF].frame = FREED_WHILE_MAPPED_PFN;
    __asm__ volatile("" ::: "memory");
    gt[ACCOMPLICE_REF].flags = GTF_permit_access;
    int before = accomplice_events;
    int port = evtchn_alloc_unbound(accomplice);
    check(port > 0, "a port for the accomplice");
    wait_for_event(&accomplice_events, before);          /* it has mapped the page */
    int rc = physmap(DOMID_SELF, 0, 0, FREED_WHILE_MAPPED_PFN);
    expect_refused(rc, "give back a page another domain still maps");
    /* A fresh frame for us: if the one above was freed, it may be this one. */
    check_eq(physmap(DOMID_SELF, 1, 3, 0x1C0), 0, "a fresh grant frame");
    volatile uint32_t *fresh = (volatile uint32_t *)(0x1C0 << 12);
    for (int i = 0; i < 1024; i++) fresh[i] = FRESH_WORD(i);
    before = accomplice_events;
    evtchn_send(port);
    wait_for_event(&accomplice_events, before);          /* it has looked and unmapped */
}

static void loads_and_stores_outside(void)
{
    static const uint32_t addrs[] = { MEM_END, MEM_END + 4096, 0x10000000, 0x101F1000, 0x10140000,
                                      0x1E000000, 0x10100000, 0xC0000000, 0xF0000000, 0xFFFF0000,
                                      0xFFF00000, 0xFFF00FFC, 0xFFFF0FFC, 0xFFFFFFFC };
    for (unsigned i = 0; i < sizeof addrs / sizeof addrs[0]; i++) {
        uint32_t v;
        refused_if(probe_read(addrs[i], &v) == 4, "load outside our memory", addrs[i]);
        refused_if(probe_write(addrs[i], 0) == 4, "store outside our memory", addrs[i]);
        refused_if(probe_jump(addrs[i]) == 3, "jump outside our memory", addrs[i]);
    }
}

int main(void)
{
    self_id = cmdline_int("self", 0);
    probes_init();
    events_init(on_event);
    int port = attacker_join();
    grant_table_init();
    foreign_physmap();
    fresh_frames_are_scrubbed();
    forged_grant_maps();
    writes_through_read_only_mapping();
    foreign_copies();
    free_while_mapped();
    loads_and_stores_outside();
    return attacker_finish(port);
}
