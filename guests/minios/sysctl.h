/* sysctl (hypercall 35) as Xen 4.17 defines it (xen/include/public/sysctl.h and, for the
 * domain records, domctl.h and arch-arm.h): the commands Cloister implements. On arm32 a
 * uint64_aligned_t and a 64-bit guest handle are 8 bytes, 8-aligned. */
#ifndef SYSCTL_H
#define SYSCTL_H
#include <stdint.h>

#define __HYPERVISOR_sysctl 35
#define XEN_SYSCTL_INTERFACE_VERSION 0x15
#define XEN_SYSCTL_readconsole       1
#define XEN_SYSCTL_physinfo          3
#define XEN_SYSCTL_sched_id          4
#define XEN_SYSCTL_getdomaininfolist 6
#define XEN_SCHEDULER_CREDIT 5
#define XEN_DOMINF_shutdown (1u << 2)
#define XEN_DOMINF_paused   (1u << 3)
#define XEN_DOMINF_blocked  (1u << 4)
#define XEN_DOMINF_running  (1u << 5)

typedef uint64_t xen_u64_aligned __attribute__((aligned(8)));

struct xen_sysctl_readconsole {
    uint8_t clear, incremental, pad0, pad1;
    uint32_t index;
    xen_u64_aligned buffer;   /* XEN_GUEST_HANDLE_64(char) */
    uint32_t count;
};

struct xen_sysctl_physinfo {
    uint32_t threads_per_core, cores_per_socket, nr_cpus, max_cpu_id, nr_nodes, max_node_id;
    uint32_t cpu_khz, capabilities, arch_capabilities, pad;
    xen_u64_aligned total_pages, free_pages, scrub_pages, outstanding_pages, max_mfn;
    uint32_t hw_cap[8];
};

struct xen_sysctl_sched_id { uint32_t sched_id; };

struct xen_sysctl_getdomaininfolist {
    uint16_t first_domain;
    uint32_t max_domains;
    xen_u64_aligned buffer;   /* XEN_GUEST_HANDLE_64(xen_domctl_getdomaininfo_t) */
    uint32_t num_domains;
};

struct xen_arch_domainconfig { uint8_t gic_version; uint16_t tee_type; uint32_t nr_spis, clock_frequency; };

struct xen_domctl_getdomaininfo {
    uint16_t domain, pad1;
    uint32_t flags;
    xen_u64_aligned tot_pages, max_pages, outstanding_pages, shr_pages, paged_pages, shared_info_frame, cpu_time;
    uint32_t nr_online_vcpus, max_vcpu_id, ssidref;
    uint8_t handle[16];
    uint32_t cpupool;
    uint8_t gpaddr_bits, pad2[7];
    struct xen_arch_domainconfig arch_config;
};

struct xen_sysctl {
    uint32_t cmd, interface_version;
    union {
        struct xen_sysctl_readconsole readconsole;
        struct xen_sysctl_physinfo physinfo;
        struct xen_sysctl_sched_id sched_id;
        struct xen_sysctl_getdomaininfolist getdomaininfolist;
        uint8_t pad[128];
    } u;
};
#endif
