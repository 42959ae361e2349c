/* The part of the Xen guest ABI mini-OS uses (numbers from xen/include/public). */
#ifndef XEN_H
#define XEN_H
#include <stdint.h>

#define __HYPERVISOR_memory_op        12
#define __HYPERVISOR_xen_version      17
#define __HYPERVISOR_console_io       18
#define __HYPERVISOR_sched_op         29
#define __HYPERVISOR_callback_op      30
#define __HYPERVISOR_event_channel_op 32

#define DOMID_SELF 0x7FF0
#define __HYPERVISOR_set_timer_op 15
#define EVTCHNOP_bind_interdomain 0
#define EVTCHNOP_bind_virq        1
#define VIRQ_TIMER 0
#define EVTCHNOP_send             4
#define EVTCHNOP_close            3
#define EVTCHNOP_alloc_unbound    6
#define EVTCHNOP_bind_ipi         7
#define EVTCHNOP_bind_vcpu        8
#define EVTCHNOP_unmask           9
#define SCHEDOP_yield    0
#define SCHEDOP_block    1
#define SCHEDOP_shutdown 2
#define SCHEDOP_poll     3
#define SCHEDOP_remote_shutdown 4
#define XENMEM_increase_reservation 0
#define XENMEM_decrease_reservation 1
#define XENMEM_current_reservation  3
#define XENMEM_maximum_reservation  4
#define XENMEM_populate_physmap     6
#define XENMEM_add_to_physmap 7

/* Xen's public sched.h; on arm32 a guest handle in a struct is 8 bytes, 8-aligned. */
struct sched_poll {
    union { uint32_t *p; uint64_t q; } ports;
    uint32_t nr_ports;
    uint64_t timeout;
};
/* Xen's public memory.h: extent_start is a handle of xen_pfn_t (64-bit on ARM), nr_extents a
 * xen_ulong_t (64-bit on ARM). */
struct xen_memory_reservation {
    union { uint64_t *p; uint64_t q; } extent_start;
    uint64_t nr_extents;
    uint32_t extent_order;
    uint32_t mem_flags;
    uint16_t domid;
};
struct sched_remote_shutdown { uint16_t domain_id; uint32_t reason; };
struct evtchn_alloc_unbound { uint16_t dom, remote_dom; uint32_t port; };
struct evtchn_bind_interdomain { uint16_t remote_dom; uint32_t remote_port; uint32_t local_port; };
struct evtchn_bind_virq { uint32_t virq, vcpu, port; };
struct vcpu_time_info { uint32_t version, pad0; uint64_t tsc_timestamp, system_time; uint32_t tsc_to_system_mul; int8_t tsc_shift, flags; uint8_t pad1[2]; };
#define __HYPERVISOR_grant_table_op 20
#define GNTTABOP_map_grant_ref 0
#define GNTTABOP_unmap_grant_ref 1
#define GNTTABOP_copy 5
#define GNTMAP_host_map 2
#define GNTMAP_readonly 4
#define GTF_permit_access 1
#define GTF_readonly (1 << 2)
#define GTF_reading (1 << 3)
#define GTF_writing (1 << 4)
#define GNTCOPY_source_gref 1
#define GNTCOPY_dest_gref 2
struct grant_entry_v1 { uint16_t flags; uint16_t domid; uint32_t frame; };
struct gnttab_map_grant_ref { uint64_t host_addr; uint32_t flags; uint32_t ref; uint16_t dom; int16_t status; uint32_t handle; uint64_t dev_bus_addr; };
struct gnttab_unmap_grant_ref { uint64_t host_addr; uint64_t dev_bus_addr; uint32_t handle; int16_t status; };
struct gnttab_copy_ptr { union { uint32_t ref; uint64_t gmfn; } u; uint16_t domid; uint16_t offset; };
struct gnttab_copy { struct gnttab_copy_ptr source, dest; uint16_t len; uint16_t flags; int16_t status; };
#define __HYPERVISOR_xsm_op 27
#define FLASK_LOAD 1
#define FLASK_GETENFORCE 2
#define FLASK_SETENFORCE 3
#define FLASK_GETBOOL 11
#define FLASK_SETBOOL 12
struct xen_flask_op {
    uint32_t cmd, interface_version;
    union {
        struct { uint64_t buffer; uint32_t size; } load;
        struct { uint32_t enforcing; } enforce;
        /* struct xen_flask_boolean: bool_id -1 looks the name up (and fills bool_id in). */
        struct { uint32_t bool_id; uint8_t enforcing, pending, new_value, commit; uint32_t size; uint64_t name; } boolean;
        uint8_t pad[40];
    } u;
};
struct xen_add_to_physmap { uint16_t domid; uint16_t size; uint32_t space; uint64_t idx; uint64_t gpfn; };
struct callback_register { uint16_t type; uint16_t flags; uint32_t pad; uint64_t address; };

struct vcpu_info {
    uint8_t evtchn_upcall_pending;
    uint8_t evtchn_upcall_mask;     /* Cloister: guest-writable upcall mask (docs/abi.md) */
    uint8_t pad[6];
    uint64_t evtchn_pending_sel;
    struct vcpu_time_info time;
};
struct shared_info {
    struct vcpu_info vcpu_info[1];
    uint64_t evtchn_pending[64];
    uint64_t evtchn_mask[64];
    uint32_t wc_version, wc_sec, wc_nsec, wc_sec_hi;
};

int hypercall(int nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);
#endif
