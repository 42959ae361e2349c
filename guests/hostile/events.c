/* Attacker: event channels, vCPUs, scheduling and timers — bind to the victim's ports, close,
 * send and unmask ports that are not ours, bad vCPUs and VIRQs, exhaust our port space,
 * vcpu_op on absent vCPUs, register_vcpu_info across page ends, remote_shutdown of others,
 * hvm and flask ops on the victim, and timer storms. */
#include "grants.h"

#define N(a) (sizeof a / sizeof a[0])
#define EVTCHNOP_close 3
#define EVTCHNOP_status 5
#define EVTCHNOP_bind_ipi 7
#define EVTCHNOP_bind_vcpu 8
#define EVTCHNOP_unmask 9
#define SCHEDOP_poll 3
#define SCHEDOP_remote_shutdown 4

static int evtchn(int op, void *arg) { return hypercall(__HYPERVISOR_event_channel_op, op, (uint32_t)arg, 0, 0); }
static int port_op(int op, uint32_t port) { static uint32_t p; p = port; return evtchn(op, &p); }

static volatile int timer_events, other_events;
static int timer_port;
static void on_event(unsigned port)
{
    if (port == (unsigned)timer_port) timer_events++;
    else other_events++;
}

static void foreign_ports(int my_port, int attackers)
{
    /* The victim's ports 1..attackers (each reserved for one attacker), its rings, bad numbers. */
    for (int p = 1; p <= attackers + 3; p++)
        if (p != cmdline_int("port", 0))
            expect_refused(evtchn_bind_interdomain(VICTIM, p), "bind to a victim port reserved for someone else");
    expect_refused(evtchn_bind_interdomain(VICTIM, cmdline_int("port", 0)), "bind to our victim port a second time");
    static const uint32_t ports[] = { 0, 4094, 4095, 4096, 0x10000, 0xFFFFFFFF };
    for (unsigned i = 0; i < N(ports); i++)
        expect_refused(evtchn_bind_interdomain(VICTIM, ports[i]), "bind to a victim port that is not offered");
    static const uint16_t doms[] = { 0, NOBODY, DOMID_IO, DOMID_XEN, DOMID_INVALID, 0xFFFF };
    for (unsigned i = 0; i < N(doms); i++)
        expect_refused(evtchn_bind_interdomain(doms[i], 4095), "bind to a port of a domain we have no channel with");
    static struct evtchn_alloc_unbound a;
    const uint16_t owners[] = { VICTIM, 0, NOBODY, DOMID_XEN };
    for (unsigned i = 0; i < N(owners); i++) {
        a.dom = owners[i]; a.remote_dom = DOMID_SELF; a.port = 0;
        expect_refused(evtchn(EVTCHNOP_alloc_unbound, &a), "alloc_unbound in another domain's port space");
    }
    static struct { uint16_t dom, pad; uint32_t port, status, vcpu, u[2]; } st;
    st.dom = VICTIM; st.port = 1;
    expect_refused(evtchn(EVTCHNOP_status, &st), "status of a victim port");
    (void)my_port;
}

static void bad_port_numbers(int my_port)
{
    static const uint32_t ports[] = { 0, 100, 4093, 4096, 4097, 0x10000, 0x7FFFFFFF, 0xFFFFFFFF };
    for (unsigned i = 0; i < N(ports); i++) {
        expect_refused(port_op(EVTCHNOP_close, ports[i]), "close a port we do not have");
        expect_refused(port_op(EVTCHNOP_send, ports[i]), "send on a port we do not have");
        expect_refused(port_op(EVTCHNOP_unmask, ports[i]), "unmask a port we do not have");
        static struct { uint32_t port, vcpu; } bv;
        bv.port = ports[i]; bv.vcpu = 0;
        expect_refused(evtchn(EVTCHNOP_bind_vcpu, &bv), "bind_vcpu a port we do not have");
    }
    static struct { uint32_t port, vcpu; } bv;
    const uint32_t vcpus[] = { 1, 3, 4, 64, 0xFFFFFFFF };
    for (unsigned i = 0; i < N(vcpus); i++) {
        bv.port = my_port; bv.vcpu = vcpus[i];
        expect_refused(evtchn(EVTCHNOP_bind_vcpu, &bv), "bind_vcpu to a vCPU we do not have");
        static struct evtchn_bind_virq v;
        v.virq = VIRQ_TIMER; v.vcpu = vcpus[i];
        expect_refused(evtchn(EVTCHNOP_bind_virq, &v), "bind_virq on a vCPU we do not have");
        static struct { uint32_t vcpu, port; } ipi;
        ipi.vcpu = vcpus[i];
        expect_refused(evtchn(EVTCHNOP_bind_ipi, &ipi), "bind_ipi on a vCPU we do not have");
    }
    const uint32_t virqs[] = { 24, 64, 0x10000, 0xFFFFFFFF };
    for (unsigned i = 0; i < N(virqs); i++) {
        static struct evtchn_bind_virq v;
        v.virq = virqs[i]; v.vcpu = 0;
        expect_refused(evtchn(EVTCHNOP_bind_virq, &v), "bind_virq out of range");
    }
    /* A closed port: alloc, close, then use. */
    int p = evtchn_alloc_unbound(VICTIM);
    check(p > 0, "alloc_unbound toward the victim");
    check_eq(port_op(EVTCHNOP_close, p), 0, "close it");
    expect_refused(port_op(EVTCHNOP_send, p), "send on a closed port");
    expect_refused(port_op(EVTCHNOP_close, p), "close a closed port");
    p = evtchn_alloc_unbound(VICTIM);
    survived("send on an unbound port (Xen drops it)", port_op(EVTCHNOP_send, p));
    port_op(EVTCHNOP_close, p);
}

static void exhaust_ports(void)
{
    int got = 0, rc = 0;
    for (int i = 0; i < 5000; i++) {
        rc = evtchn_alloc_unbound(VICTIM);
        if (rc < 0) break;
        got++;
    }
    refused_if(rc < 0 && got < 4096, "allocating more than 4095 ports", got);
    for (int p = 2; p < 4094; p++) port_op(EVTCHNOP_close, p);
}

static void vcpus(void)
{
    const uint32_t ids[] = { 1, 2, 3, 4, 64, 0x7FFFFFFF, 0xFFFFFFFF };
    static struct { uint32_t pc, sp, r0; } ctx;
    ctx.pc = 0x8000; ctx.sp = 0x9000;
    static uint64_t deadline = 1;
    for (unsigned i = 0; i < N(ids); i++) {
        expect_refused(hypercall(24, 0, ids[i], (uint32_t)&ctx, 0), "vcpu_op initialise an absent vCPU");
        expect_refused(hypercall(24, 1, ids[i], 0, 0), "vcpu_op up an absent vCPU");
        expect_refused(hypercall(24, 2, ids[i], 0, 0), "vcpu_op down an absent vCPU");
        expect_refused(hypercall(24, 3, ids[i], 0, 0), "vcpu_op is_up an absent vCPU");
        expect_refused(hypercall(24, 6, ids[i], (uint32_t)&deadline, 0), "vcpu_op singleshot on an absent vCPU");
        expect_refused(hypercall(24, 7, ids[i], 0, 0), "vcpu_op stop_singleshot on an absent vCPU");
        expect_refused(register_vcpu_info(ids[i], 0x140, 0), "register_vcpu_info of an absent vCPU");
    }
    expect_refused(hypercall(24, 0, 0, (uint32_t)&ctx, 0), "vcpu_op initialise our running vCPU 0");
    const uint32_t offsets[] = { 4095, 4096 - 40, 4096 - 47, 4096, 0x10000, 0xFFFFFFFF };
    for (unsigned i = 0; i < N(offsets); i++)
        expect_refused(register_vcpu_info(0, 0x140, offsets[i]), "register_vcpu_info crossing the page end");
    const uint32_t gfns[] = { PAGES, 0xFFFF0, 0xFFFFF, 0xFFFFFFFF };
    for (unsigned i = 0; i < N(gfns); i++)
        expect_refused(register_vcpu_info(0, gfns[i], 0), "register_vcpu_info outside our memory");
}

static void other_domains(void)
{
    static struct { uint16_t domid, pad; uint32_t reason; } rs;
    const uint16_t doms[] = { VICTIM, 0, NOBODY, DOMID_XEN };
    for (unsigned i = 0; i < N(doms); i++) {
        rs.domid = doms[i]; rs.reason = 0;
        expect_refused(hypercall(__HYPERVISOR_sched_op, SCHEDOP_remote_shutdown, (uint32_t)&rs, 0, 0), "remote_shutdown");
    }
    static struct { uint16_t domid, pad; uint32_t index; uint64_t value; } hp;
    const uint32_t params[] = { 1, 2, 17, 18 };
    for (unsigned i = 0; i < N(params); i++) {
        hp.domid = VICTIM; hp.index = params[i];
        expect_refused(hypercall(34, 1, (uint32_t)&hp, 0, 0), "hvm get_param of the victim");
    }
    static struct xen_flask_op f;
    f.cmd = FLASK_SETENFORCE; f.interface_version = 1; f.u.enforce.enforcing = 0;
    expect_refused(hypercall(__HYPERVISOR_xsm_op, (uint32_t)&f, 0, 0, 0), "flask setenforce 0");
    static uint8_t junk[64];
    f.cmd = FLASK_LOAD; f.u.load.buffer = (uint32_t)junk; f.u.load.size = sizeof junk;
    expect_refused(hypercall(__HYPERVISOR_xsm_op, (uint32_t)&f, 0, 0, 0), "flask load a policy");
    static struct { uint64_t ports; uint32_t nr; uint32_t pad; uint64_t timeout; } poll;
    static uint32_t ports[1] = { 1 };
    poll.ports = MEM_END; poll.nr = 1;
    expect_refused(hypercall(__HYPERVISOR_sched_op, SCHEDOP_poll, (uint32_t)&poll, 0, 0), "poll a port list outside memory");
    poll.ports = (uint32_t)ports; poll.nr = 0xFFFFFFFF;
    expect_refused(hypercall(__HYPERVISOR_sched_op, SCHEDOP_poll, (uint32_t)&poll, 0, 0), "poll 2^32-1 ports");
}

static void timer_storms(void)
{
    timer_port = bind_virq(VIRQ_TIMER);
    check(timer_port > 0, "bind VIRQ_TIMER");
    static struct evtchn_bind_virq v;
    v.virq = VIRQ_TIMER; v.vcpu = 0;
    expect_refused(evtchn(EVTCHNOP_bind_virq, &v), "bind VIRQ_TIMER twice");
    for (int i = 0; i < 3000; i++) set_timer(system_time() + 1);
    for (int i = 0; i < 3000; i++) set_timer(1);               /* in the past: fires at once */
    for (int i = 0; i < 200; i++) {
        /* Masked while we look, so the event cannot be consumed between the look and block. */
        int before = timer_events;
        shared->vcpu_info[0].evtchn_upcall_mask = 1;
        set_timer(system_time() + 1000);
        if (timer_events == before) block();
        shared->vcpu_info[0].evtchn_upcall_mask = 0;
    }
    set_timer(0xFFFFFFFFFFFFFFFFull);
    static uint64_t t;
    for (int i = 0; i < 2000; i++) { t = system_time() + 1; hypercall(24, 6, 0, (uint32_t)&t, 0); }
    hypercall(24, 7, 0, 0, 0);
    set_timer(0);
    survived("timer storms", timer_events);
    check(timer_events > 0, "timer events arrived");
}

int main(void)
{
    events_init(on_event);
    int port = attacker_join();
    foreign_ports(port, cmdline_int("attackers", 5));
    bad_port_numbers(port);
    exhaust_ports();
    vcpus();
    other_domains();
    timer_storms();
    return attacker_finish(port);
}
