/* Attacker: hypercall arguments — pointers outside our memory, at the hypervisor's likely
 * addresses, straddling the end of our memory, misaligned; huge counts; nested multicalls;
 * unknown hypercall and sub-op numbers. Each must fail (the error is printed), never write. */
#include "grants.h"

#define N(a) (sizeof a / sizeof a[0])
static const uint32_t bad[] = { MEM_END, MEM_END + 4096, 0x10000000, 0x101F1000, 0xC0000000,
                                0xF0000000, 0xFFF00000, 0xFFFF0000, 0xFFFFFFF0, 0xFFFFFFFC };
struct call { int nr; uint32_t a0; int arg; uint32_t count; const char *name; uint32_t a1; };
/* arg: which argument register holds the pointer; count goes in the register after it. */
static const struct call calls[] = {
    { 12, 7, 1, 0, "memory_op add_to_physmap" },
    { 13, 0, 0, 1, "multicall array" },
    { 17, 1, 1, 0, "xen_version extraversion" },
    { 18, 0, 2, 0, "console_io write buffer", 64 },
    { 20, 0, 1, 1, "grant map" },
    { 20, 1, 1, 1, "grant unmap" },
    { 20, 2, 1, 1, "grant setup_table" },
    { 20, 5, 1, 1, "grant copy" },
    { 20, 6, 1, 1, "grant query_size" },
    { 24, 0, 2, 1, "vcpu_op initialise" },
    { 24, 10, 2, 0, "vcpu_op register_vcpu_info" },
    { 24, 6, 2, 0, "vcpu_op set_singleshot_timer" },
    { 27, 0, 0, 0, "xsm_op flask_op" },
    { 29, 2, 1, 0, "sched_op shutdown" },
    { 29, 3, 1, 0, "sched_op poll" },
    { 29, 4, 1, 0, "sched_op remote_shutdown" },
    { 30, 0, 1, 0, "callback_op register" },
    { 30, 1, 1, 0, "callback_op unregister" },
    { 32, 0, 1, 0, "evtchn bind_interdomain" },
    { 32, 1, 1, 0, "evtchn bind_virq" },
    { 32, 3, 1, 0, "evtchn close" },
    { 32, 4, 1, 0, "evtchn send" },
    { 32, 5, 1, 0, "evtchn status" },
    { 32, 6, 1, 0, "evtchn alloc_unbound" },
    { 32, 7, 1, 0, "evtchn bind_ipi" },
    { 32, 8, 1, 0, "evtchn bind_vcpu" },
    { 32, 9, 1, 0, "evtchn unmask" },
    { 34, 1, 1, 0, "hvm_op get_param" },
};

static int call_with(const struct call *c, uint32_t ptr)
{
    uint32_t a[4] = { c->a0, c->a1, 0, 0 };
    a[c->arg] = ptr;
    a[c->arg + 1] = c->count;
    return hypercall(c->nr, a[0], a[1], a[2], a[3]);
}

static void bad_pointers(void)
{
    for (unsigned i = 0; i < N(calls); i++)
        for (unsigned b = 0; b < N(bad); b++)
            expect_refused(call_with(&calls[i], bad[b]), calls[i].name);
    /* The end of our memory: a structure whose first bytes are ours and the rest are not. */
    for (unsigned i = 0; i < N(calls); i++)
        expect_refused(call_with(&calls[i], MEM_END - 2), calls[i].name);
    expect_refused(hypercall(18, 0, 64, MEM_END - 32, 0), "console_io write straddling the end of memory");
    /* Huge counts from the last 16 bytes of memory (unused by the xenstore ring): a line of
     * dots, then the end of our memory. */
    volatile char *tail = (volatile char *)(MEM_END - 16);
    for (int i = 0; i < 15; i++) tail[i] = '.';
    tail[15] = '\n';
    expect_refused(hypercall(18, 0, 0x7FFFFFFF, MEM_END - 16, 0), "console_io write of 2 GiB");
    expect_refused(hypercall(18, 0, 0xFFFFFFFF, MEM_END - 16, 0), "console_io write of count -1");
    expect_refused(hypercall(18, 1, 16, MEM_END - 8, 0), "console_io read straddling the end of memory");
}

static uint64_t entries[300][8] __attribute__((aligned(8)));

static void set_entry(int i, uint32_t op, uint32_t a0, uint32_t a1, uint32_t a2)
{
    entries[i][0] = op; entries[i][1] = 0x1111;
    entries[i][2] = a0; entries[i][3] = a1; entries[i][4] = a2;
    entries[i][5] = entries[i][6] = entries[i][7] = 0;
}

static void multicalls(void)
{
    set_entry(0, 13, (uint32_t)entries, 1, 0);
    int rc = hypercall(13, (uint32_t)entries, 1, 0, 0);
    refused_if(rc < 0 || (int)entries[0][1] < 0, "multicall calling multicall on itself", (int)entries[0][1]);
    for (int i = 0; i < 300; i++) set_entry(i, 17, 0, 0, 0);
    expect_refused(hypercall(13, (uint32_t)entries, 257, 0, 0), "multicall of 257 entries");
    expect_refused(hypercall(13, (uint32_t)entries, 0xFFFFFFFF, 0, 0), "multicall of 2^32-1 entries");
    expect_refused(hypercall(13, MEM_END - 64 * 3, 4, 0, 0), "multicall array running off our memory");
    survived("multicall of 0 entries", hypercall(13, (uint32_t)entries, 0, 0, 0));
    for (int i = 0; i < 4; i++) set_entry(i, 20, 6, MEM_END + 64 * i, 1);
    rc = hypercall(13, (uint32_t)entries, 4, 0, 0);
    refused_if((int)entries[0][1] == -EFAULT && (int)entries[3][1] == -EFAULT, "multicall entries with bad pointers", (int)entries[0][1]);
    set_entry(0, 0xFFFFFFFF, 0, 0, 0);
    entries[0][0] = 0xFFFFFFFFFFFFFFFFull;
    hypercall(13, (uint32_t)entries, 1, 0, 0);
    refused_if((int)entries[0][1] == -ENOSYS, "multicall of op 2^64-1", (int)entries[0][1]);
    set_entry(0, 13, 0, 0, 0);
    entries[0][0] = 0x100000000ull + 17;   /* op numbers are 64-bit: 2^32 + xen_version */
    hypercall(13, (uint32_t)entries, 1, 0, 0);
    refused_if((int)entries[0][1] == -ENOSYS, "multicall op 2^32+17 taken as 17", (int)entries[0][1]);
}

static void huge_counts(void)
{
    static struct gnttab_map_grant_ref maps[2];
    expect_refused(hypercall(20, GNTTABOP_map_grant_ref, (uint32_t)maps, 0x7FFFFFFF, 0), "grant map count 2^31-1");
    expect_refused(hypercall(20, GNTTABOP_copy, (uint32_t)maps, 0xFFFFFFFF, 0), "grant copy count 2^32-1");
    expect_refused(hypercall(20, GNTTABOP_unmap_grant_ref, MEM_END - 24, 2, 0), "grant unmap of 2 entries running off memory");
    static struct { uint16_t dom, pad; uint32_t nr_frames; int16_t status, pad2[3]; uint64_t frames; } setup;
    static uint64_t frames[4];
    const uint32_t counts[] = { 5, 0x10000, 0xFFFFFFFF };
    for (unsigned i = 0; i < N(counts); i++) {
        setup.dom = DOMID_SELF; setup.nr_frames = counts[i]; setup.frames = (uint32_t)frames; setup.status = 99;
        int rc = hypercall(20, GNTTABOP_setup_table, (uint32_t)&setup, 1, 0);
        refused_if(rc < 0 || setup.status < 0, "setup_table with too many frames", rc < 0 ? rc : setup.status);
    }
    setup.dom = VICTIM; setup.nr_frames = 1; setup.frames = (uint32_t)frames; setup.status = 99;
    int rc = hypercall(20, GNTTABOP_setup_table, (uint32_t)&setup, 1, 0);
    refused_if(rc < 0 || setup.status < 0, "setup_table of the victim's table", rc < 0 ? rc : setup.status);
    setup.dom = DOMID_SELF; setup.nr_frames = 4; setup.frames = MEM_END - 16; setup.status = 99;
    rc = hypercall(20, GNTTABOP_setup_table, (uint32_t)&setup, 1, 0);
    refused_if(rc < 0 || setup.status < 0, "setup_table frame list running off memory", rc < 0 ? rc : setup.status);
    static struct { uint16_t dom, pad; uint32_t nr, max; int16_t status, pad2; } q;
    q.dom = VICTIM; q.status = 99;
    rc = hypercall(20, GNTTABOP_query_size, (uint32_t)&q, 1, 0);
    refused_if(rc < 0 || q.status < 0, "query_size of the victim's table", rc < 0 ? rc : q.status);
}

static void unknown_numbers(void)
{
    /* Every hypercall number the ABI does not list, all arguments pointing outside memory. */
    static const uint8_t listed[] = { 12, 13, 15, 17, 18, 20, 24, 27, 29, 30, 32, 34 };
    for (uint32_t nr = 0; nr < 64; nr++) {
        int known = 0;
        for (unsigned i = 0; i < N(listed); i++) if (listed[i] == nr) known = 1;
        if (known) continue;
        expect_refused(hypercall(nr, MEM_END, MEM_END, MEM_END, MEM_END), "unlisted hypercall");
    }
    const uint32_t huge[] = { 64, 255, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF };
    for (unsigned i = 0; i < N(huge); i++)
        refused_if(hypercall(huge[i], 0, 0, 0, 0) == -ENOSYS, "hypercall number out of range", huge[i]);
    /* Unknown sub-ops of listed hypercalls. */
    static const uint8_t subops[] = { 12, 17, 18, 20, 24, 27, 29, 30, 32, 34 };
    for (unsigned i = 0; i < N(subops); i++) {
        expect_refused(hypercall(subops[i], 0xFFFFFFFF, 0x9000, 1, 0), "sub-op 2^32-1");
        expect_refused(hypercall(subops[i], 0x8000, 0x9000, 1, 0), "sub-op 0x8000");
    }
}

static void misaligned(void)
{
    /* Misaligned but inside our memory: may be accepted; must not fault the hypervisor. */
    static uint8_t buf[64] __attribute__((aligned(8)));
    uint32_t odd = (uint32_t)buf + 1;
    for (unsigned i = 0; i < N(calls); i++) {
        if (calls[i].nr == 29 && calls[i].a0 == 2) continue;   /* a misaligned shutdown would work */
        if (calls[i].nr == 30 && calls[i].a0 == 0) continue;   /* would register address 0 */
        if (calls[i].nr == 18) continue;                       /* would print the 0xFF bytes */
        for (int k = 0; k < 64; k++) buf[k] = 0xFF;
        survived(calls[i].name, call_with(&calls[i], odd));
    }
}

int main(void)
{
    events_init(0);
    int port = attacker_join();
    bad_pointers();
    multicalls();
    huge_counts();
    unknown_numbers();
    misaligned();
    return attacker_finish(port);
}
