/* sysctl: physinfo, sched_id and readconsole, each allowed or denied as the policy says for this
 * domain's label (expect=0 or expect=-13 on the command line), and getdomaininfolist, which
 * lists the domains the label may see (visible=, when given), itself (self=, domain 1 unless
 * given) among them. When allowed, the answers are checked against the configuration (cpus=,
 * pages=) and against each other; bad arguments give Xen's errors either way. Last, physdev_op,
 * which ARM Xen leaves unimplemented. */
#include "minios.h"
#include "sysctl.h"

static struct xen_sysctl op;

static int sysctl(uint32_t cmd)
{
    op.cmd = cmd;
    op.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return hypercall(__HYPERVISOR_sysctl, (uint32_t)&op, 0, 0, 0);
}

static void clear_op(void)
{
    uint8_t *p = (uint8_t *)&op;
    for (unsigned i = 0; i < sizeof op; i++) p[i] = 0;
}

static int contains(const char *text, unsigned n, const char *word)
{
    for (unsigned i = 0; i < n; i++) {
        unsigned j = 0;
        while (word[j] && i + j < n && text[i + j] == word[j]) j++;
        if (!word[j]) return 1;
    }
    return 0;
}

int main(void)
{
    static char ring[512];
    static struct xen_domctl_getdomaininfo infos[8];
    int want = cmdline_int("expect", -13), rc;
    int allowed = want == 0;
    print("sysctl: start\n");

    clear_op();
    print_dec("sysctl: physinfo: ", rc = sysctl(XEN_SYSCTL_physinfo));
    check_eq(rc, want, "physinfo");
    if (allowed) {
        check_eq(op.u.physinfo.nr_cpus, cmdline_int("cpus", 1), "physinfo nr_cpus");
        check_eq(op.u.physinfo.max_cpu_id, op.u.physinfo.nr_cpus - 1, "physinfo max_cpu_id");
        check_eq(op.u.physinfo.threads_per_core, 1, "physinfo threads_per_core");
        check(op.u.physinfo.free_pages < op.u.physinfo.total_pages, "physinfo free below total");
        check(op.u.physinfo.max_mfn >= op.u.physinfo.total_pages - 1, "physinfo max_mfn");
        print_dec("sysctl: total pages ", (int)op.u.physinfo.total_pages);
    }

    clear_op();
    print_dec("sysctl: sched_id: ", rc = sysctl(XEN_SYSCTL_sched_id));
    check_eq(rc, want, "sched_id");
    if (allowed) check_eq(op.u.sched_id.sched_id, XEN_SCHEDULER_CREDIT, "sched_id is credit");

    clear_op();
    op.u.readconsole.buffer = (uint32_t)ring;
    op.u.readconsole.count = sizeof ring;
    print_dec("sysctl: readconsole: ", rc = sysctl(XEN_SYSCTL_readconsole));
    check_eq(rc, want, "readconsole");
    if (allowed) {
        check(op.u.readconsole.count > 0 && op.u.readconsole.count <= sizeof ring, "readconsole count");
        check(contains(ring, op.u.readconsole.count, "(XEN) "), "readconsole returns the hypervisor's lines");
        /* Read on from where each read ended until the ring is drained; then only this domain's
         * newest line is new. */
        op.u.readconsole.incremental = 1;
        while (op.u.readconsole.count == sizeof ring)
            check_eq(sysctl(XEN_SYSCTL_readconsole), 0, "incremental readconsole");
        print("sysctl: marker\n");
        op.u.readconsole.count = sizeof ring;
        check_eq(sysctl(XEN_SYSCTL_readconsole), 0, "incremental readconsole");
        check(contains(ring, op.u.readconsole.count, "sysctl: marker"), "incremental read has the new line");
        check(!contains(ring, op.u.readconsole.count, "sysctl: start"), "incremental read has no older line");
    }

    clear_op();
    op.u.getdomaininfolist.first_domain = 0;
    op.u.getdomaininfolist.max_domains = 8;
    op.u.getdomaininfolist.buffer = (uint32_t)infos;
    print_dec("sysctl: getdomaininfolist: ", rc = sysctl(XEN_SYSCTL_getdomaininfolist));
    /* The list itself needs no permission: a domain sees the domains the policy lets it see. */
    check_eq(rc, 0, "getdomaininfolist");
    print_dec("sysctl: domains listed: ", (int)op.u.getdomaininfolist.num_domains);
    int visible = cmdline_int("visible", -1), self = cmdline_int("self", 1), found = 0;
    if (visible >= 0) check_eq(op.u.getdomaininfolist.num_domains, visible, "domains visible");
    for (unsigned i = 0; i < op.u.getdomaininfolist.num_domains && i < 8; i++) {
        const struct xen_domctl_getdomaininfo *d = &infos[i];
        print_dec("sysctl: domain ", d->domain);
        if (d->domain != self) continue;
        found = 1;
        /* Itself: running now, its memory, one vCPU, its label's SID. */
        check((d->flags & XEN_DOMINF_running) != 0, "itself running");
        check_eq((int)d->tot_pages, cmdline_int("pages", 0), "its tot_pages");
        check_eq((int)d->max_pages, (int)d->tot_pages, "its max_pages");
        check_eq(d->nr_online_vcpus, 1, "its online vCPUs");
        check_eq(d->max_vcpu_id, 0, "its max_vcpu_id");
        check(d->ssidref != 0, "its ssidref");
        check(d->cpu_time > 0, "its cpu_time");
    }
    check(found, "it lists itself");
    /* max_domains 0: nothing is written. */
    op.u.getdomaininfolist.max_domains = 0;
    check_eq(sysctl(XEN_SYSCTL_getdomaininfolist), 0, "getdomaininfolist of none");
    check_eq(op.u.getdomaininfolist.num_domains, 0, "no domains in a list of none");

    /* Xen's errors: a wrong interface version, an unknown command, a bad pointer. */
    op.cmd = XEN_SYSCTL_physinfo;
    op.interface_version = 0x14;
    check_eq(hypercall(__HYPERVISOR_sysctl, (uint32_t)&op, 0, 0, 0), -13, "old interface version");
    /* tbuf_op passes FLASK's check (xen:tbufcontrol) before it is found missing; a command FLASK
     * does not know is refused in enforcing mode. */
    check_eq(sysctl(2), allowed ? -38 : -13, "tbuf_op");
    check_eq(sysctl(99), -1, "unknown command");
    check_eq(hypercall(__HYPERVISOR_sysctl, 0x7ffff000, 0, 0, 0), -14, "sysctl struct outside memory");
    op.u.getdomaininfolist.max_domains = 8;
    op.u.getdomaininfolist.buffer = 0x7ffff000;
    check_eq(sysctl(XEN_SYSCTL_getdomaininfolist), -14, "domain buffer outside memory");
    /* physdev_op: every sub-op is -ENOSYS, as on ARM Xen without PCI (eoi 12, map_pirq 13,
     * manage_pci_add 15, pci_device_add 25). */
    static const int physdev_ops[] = { 12, 13, 15, 25 };
    for (unsigned i = 0; i < sizeof physdev_ops / sizeof physdev_ops[0]; i++)
        check_eq(hypercall(33, physdev_ops[i], (uint32_t)&op, 0, 0), -38, "physdev_op");
    return test_result();
}
