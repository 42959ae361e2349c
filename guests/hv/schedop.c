/* sched_op poll and remote_shutdown, event_channel_op bind_vcpu, on two vCPUs (docs/abi.md):
 * poll's error paths, a pending port, a timeout, a poll of one port that sleeps through other
 * ports, a poll of several that wakes for any, an upcall that ends a poll without touching the
 * mask; a loopback channel moved to vCPU 1 and back; remote_shutdown's -ESRCH and its FLASK
 * denial. vCPU 1 naps in 1 ms polls and does what vCPU 0 asks while vCPU 0 sleeps in a poll. */
#include "minios.h"

#define VCPUOP_initialise 0
#define VCPUOP_up 1
#define EINVAL 22
#define EFAULT 14
#define ESRCH 3
#define EACCES 13
#define ENOENT 2
#define UNMAPPED 0xF0000000u   /* outside every domain's memory (docs/abi.md, "Address space") */
#define SECOND MILLISECONDS(1000)

static uint32_t vcpu1_stack[512];
static volatile struct vcpu_info *vcpu1_info;

/* Upcalls handled on each vCPU and the last port each one saw. A handler runs on the stack of
 * the vCPU it interrupted, which tells the two apart. */
static volatile unsigned upcalls[2], last_port[2];

static int running_on_vcpu1(void)
{
    volatile int here;
    uint32_t a = (uint32_t)&here;
    return a >= (uint32_t)vcpu1_stack && a < (uint32_t)(vcpu1_stack + 512);
}

static void on_event(unsigned port)
{
    int v = running_on_vcpu1();
    last_port[v] = port;
    upcalls[v]++;
}

/* ---- vCPU 1: a helper that sends events while vCPU 0 sleeps in a poll ---- */

enum { IDLE, SEND_FIRST_THEN_SECOND, SEND_FIRST };
static volatile int command;
static volatile uint32_t first, second;
static uint32_t nap_port;           /* masked, never raised: vCPU 1 polls it to sleep */
static volatile int vcpu1_ready;

static void nap(unsigned ms) { poll_ports(&nap_port, 1, vcpu_system_time(vcpu1_info) + MILLISECONDS(ms)); }

void vcpu1_main(void)
{
    vcpu1_ready = 1;
    for (;;) {
        while (command == IDLE) nap(1);
        nap(2);
        evtchn_send(first);
        if (command == SEND_FIRST_THEN_SECOND) {
            nap(2);
            evtchn_send(second);
        }
        command = IDLE;
    }
}

static void ask_vcpu1(int what, uint32_t a, uint32_t b)
{
    first = a;
    second = b;
    command = what;
}

static void wait_for_vcpu1(void)
{
    while (command != IDLE) yield();
}

static void start_vcpu1(void)
{
    unsigned pfn = pages_alloc(1);
    check_eq(register_vcpu_info(1, pfn, 0), 0, "register vcpu_info of vCPU 1");
    vcpu1_info = (volatile struct vcpu_info *)PAGE_ADDRESS(pfn);
    nap_port = bind_ipi(1);
    evtchn_mask(nap_port);
    static struct { uint32_t pc, sp, r0; } ctx;
    ctx.pc = (uint32_t)vcpu1_main;
    ctx.sp = (uint32_t)&vcpu1_stack[512];
    check_eq(hypercall(24, VCPUOP_initialise, 1, (uint32_t)&ctx, 0), 0, "initialise vCPU 1");
    check_eq(hypercall(24, VCPUOP_up, 1, 0, 0), 0, "bring vCPU 1 up");
    while (!vcpu1_ready) yield();
}

/* ---- vCPU 0: the checks ---- */

/* A fresh port of vCPU 0, masked: only a poll sees it. */
static uint32_t masked_port(void)
{
    uint32_t p = bind_ipi(0);
    evtchn_mask(p);
    return p;
}

static void poll_errors(void)
{
    static uint32_t ports[129];
    uint32_t pending = masked_port();
    evtchn_send(pending);
    check_eq(poll_ports(ports, 129, 0), -EINVAL, "poll of 129 ports: -EINVAL");
    check_eq(hypercall(__HYPERVISOR_sched_op, SCHEDOP_poll, UNMAPPED, 0, 0), -EFAULT,
             "poll with an unmapped argument: -EFAULT");
    check_eq(poll_ports((const uint32_t *)UNMAPPED, 1, 0), -EFAULT, "poll of an unmapped port array: -EFAULT");
    ports[0] = 4096;
    check_eq(poll_ports(ports, 1, 0), -EINVAL, "poll of port 4096: -EINVAL");
    ports[0] = pending;
    check_eq(poll_ports(ports, 2, 0), 0, "poll reads ports in order: a pending port before port 4096 returns 0");
    print("schedop: poll error paths checked\n");
}

static void poll_pending_and_timeout(void)
{
    uint32_t p = masked_port();
    evtchn_send(p);
    uint64_t t0 = system_time();
    check_eq(poll_ports(&p, 1, t0 + SECOND), 0, "poll of a pending masked port returns 0");
    check(system_time() < t0 + SECOND, "poll of a pending port returns at once");

    uint32_t q = masked_port();
    t0 = system_time();
    check_eq(poll_ports(&q, 1, t0 + MILLISECONDS(5)), 0, "poll that times out returns 0");
    uint64_t slept = system_time() - t0;
    check(slept >= MILLISECONDS(5), "poll slept until its timeout");
    check(slept < MILLISECONDS(50), "poll woke soon after its timeout");
    check(!evtchn_is_pending(q), "nothing raised the port of the poll that timed out");
    print("schedop: poll of a pending port and a poll timeout checked\n");
}

static void poll_one_port(void)
{
    uint32_t polled = masked_port(), other = masked_port();
    ask_vcpu1(SEND_FIRST_THEN_SECOND, other, polled);
    uint64_t t0 = system_time();
    check_eq(poll_ports(&polled, 1, t0 + SECOND), 0, "poll of one port");
    check(evtchn_is_pending(polled), "a poll of one port wakes for that port");
    check(evtchn_is_pending(other), "the other port, raised first, did not end the poll");
    check(system_time() < t0 + SECOND, "the poll ended before its timeout");
    wait_for_vcpu1();
    print("schedop: poll of one port woke for that port only\n");
}

static void poll_several_ports(void)
{
    uint32_t polled[2] = { masked_port(), masked_port() };
    uint32_t other = masked_port();
    ask_vcpu1(SEND_FIRST, other, 0);
    uint64_t t0 = system_time();
    check_eq(poll_ports(polled, 2, t0 + SECOND), 0, "poll of two ports");
    check(evtchn_is_pending(other), "a poll of several ports wakes for any port of the domain");
    check(!evtchn_is_pending(polled[0]) && !evtchn_is_pending(polled[1]), "neither polled port was raised");
    check(system_time() < t0 + SECOND, "the poll of two ports ended before its timeout");
    wait_for_vcpu1();
    print("schedop: poll of several ports woke for another port\n");
}

static void poll_ended_by_upcall(void)
{
    uint32_t polled = masked_port();
    uint32_t live = bind_ipi(0);    /* unmasked: raising it notifies vCPU 0 */
    unsigned before = upcalls[0];

    /* With the upcall mask set the poll still ends, and the mask stays set. */
    events_mask_upcalls();
    ask_vcpu1(SEND_FIRST, live, 0);
    uint64_t t0 = system_time();
    check_eq(poll_ports(&polled, 1, t0 + SECOND), 0, "poll with upcalls masked");
    check(system_time() < t0 + SECOND, "an upcall raised for the vCPU ends its poll");
    check_eq(shared->vcpu_info[0].evtchn_upcall_mask, 1, "poll leaves the upcall mask set");
    check_eq(upcalls[0], before, "no upcall while masked");
    events_unmask_upcalls();
    check_eq(upcalls[0], before + 1, "the upcall is delivered once unmasked");
    check_eq(last_port[0], live, "the upcall was for the port vCPU 1 raised");
    check(!evtchn_is_pending(polled), "the polled port was not raised");
    wait_for_vcpu1();
    print("schedop: an upcall ended a poll, the mask untouched\n");
}

static void wait_for_upcall(int vcpu, unsigned before)
{
    uint64_t give_up = system_time() + SECOND;
    while (upcalls[vcpu] == before && system_time() < give_up) yield();
}

static void bind_vcpu(int self)
{
    int local = evtchn_alloc_unbound(self);
    int remote = evtchn_bind_interdomain(self, local);   /* a loopback pair */
    check(local > 0 && remote > 0, "loopback channel");
    unsigned before = upcalls[1];
    check_eq(evtchn_bind_vcpu(local, 1), 0, "bind_vcpu of an interdomain port to vCPU 1");
    evtchn_send(remote);
    wait_for_upcall(1, before);
    check_eq(upcalls[1], before + 1, "the moved port's event is handled on vCPU 1");
    check_eq(last_port[1], local, "vCPU 1 handled the moved port");

    before = upcalls[0];
    check_eq(evtchn_bind_vcpu(local, 0), 0, "bind_vcpu back to vCPU 0");
    evtchn_send(remote);
    wait_for_upcall(0, before);
    check_eq(upcalls[0], before + 1, "after moving it back, vCPU 0 handles the port");
    check_eq(last_port[0], local, "vCPU 0 handled the port");

    check_eq(evtchn_bind_vcpu(local, 2), -ENOENT, "bind_vcpu to a vCPU the domain lacks: -ENOENT");
    check_eq(evtchn_bind_vcpu(nap_port, 0), -EINVAL, "bind_vcpu of an IPI port: -EINVAL");
    check_eq(evtchn_bind_vcpu(4000, 0), -EINVAL, "bind_vcpu of a free port: -EINVAL");
    print("schedop: bind_vcpu moved a channel to vCPU 1 and back\n");
}

static void remote_shutdowns(int self)
{
    check_eq(hypercall(__HYPERVISOR_sched_op, SCHEDOP_remote_shutdown, UNMAPPED, 0, 0), -EFAULT,
             "remote_shutdown with an unmapped argument: -EFAULT");
    check_eq(remote_shutdown(DOMID_SELF, 0), -ESRCH, "remote_shutdown of DOMID_SELF: -ESRCH");
    check_eq(remote_shutdown(999, 0), -ESRCH, "remote_shutdown of a domain that does not exist: -ESRCH");
    check_eq(remote_shutdown(0, 0), -ESRCH, "remote_shutdown of the control domain: -ESRCH");
    print("schedop: the policy keeps domU_t from shutting down domU_t; FLASK audits:\n");
    check_eq(remote_shutdown(self, 0), -EACCES, "remote_shutdown of itself, denied by FLASK: -EACCES");
}

int main(void)
{
    events_init(on_event);
    check_eq(xs_init(), 0, "xenstore");
    int self = xs_domid();
    check(self > 0, "own domain id from xenstore");
    start_vcpu1();
    poll_errors();
    poll_pending_and_timeout();
    poll_one_port();
    poll_several_ports();
    poll_ended_by_upcall();
    bind_vcpu(self);
    remote_shutdowns(self);
    return test_result();
}
