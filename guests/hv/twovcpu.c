/* Two vCPUs: vCPU 0 starts vCPU 1 with VCPUOP_initialise/up; each has its own vcpu_info and
 * IPI channel, and they ping each other through the IPIs. */
#include "minios.h"

#define VCPUOP_initialise 0
#define VCPUOP_up 1
#define VCPUOP_is_up 3
#define VCPUOP_register_vcpu_info 10
#define INFO_PFN 0x120

static volatile int got[2];
static volatile unsigned ipi_port[2];
static volatile int vcpu1_ready;
static uint32_t vcpu1_stack[256];

static void on_event(unsigned port) { got[port == ipi_port[1] ? 1 : 0]++; }

static int register_info(unsigned vcpu) { return register_vcpu_info(vcpu, INFO_PFN, vcpu * 64); }


/* Events coalesce while pending, so the two vCPUs take turns: one IPI, one reply, three times. */
void vcpu1_main(void)
{
    print("vcpu1: started\n");
    vcpu1_ready = 1;
    for (int i = 0; i < 3; i++) {
        while (got[1] <= i) block();
        evtchn_send(ipi_port[0]);
    }
    print_dec("vcpu1: IPIs received ", got[1]);
    for (;;) block();
}

int main(void)
{
    events_init(on_event);
    print_dec("vcpu0: register vcpu_info 0: ", register_info(0));
    print_dec("vcpu0: register vcpu_info 1: ", register_info(1));
    ipi_port[0] = bind_ipi(0);
    ipi_port[1] = bind_ipi(1);
    print_dec("vcpu0: is vcpu1 up before: ", hypercall(24, VCPUOP_is_up, 1, 0, 0));
    static struct { uint32_t pc, sp, r0; } ctx;
    ctx.pc = (uint32_t)vcpu1_main; ctx.sp = (uint32_t)&vcpu1_stack[256];
    print_dec("vcpu0: initialise vcpu1: ", hypercall(24, VCPUOP_initialise, 1, (uint32_t)&ctx, 0));
    print_dec("vcpu0: up vcpu1: ", hypercall(24, VCPUOP_up, 1, 0, 0));
    while (!vcpu1_ready) yield();
    print("vcpu0: vcpu1 is running\n");
    for (int i = 0; i < 3; i++) {
        evtchn_send(ipi_port[1]);
        while (got[0] <= i) block();
    }
    print_dec("vcpu0: IPIs received ", got[0]);
    check_eq(got[0], 3, "IPIs received by vCPU 0");
    check_eq(got[1], 3, "IPIs received by vCPU 1");
    return test_result();
}
