/* A hostile guest: tries to reach memory that is not its own and hands the hypervisor bad
 * pointers and bad arguments. Its own fault handler records each fault and moves on, so one
 * run reports every attempt. Nothing here may crash the hypervisor or another domain. */
#include "minios.h"

static volatile unsigned last_kind, last_status, last_address;

static void on_fault(struct trap_frame *f)
{
    last_kind = f->kind; last_status = f->status; last_address = f->address;
    /* Skip the faulting instruction; for a fetch fault, return to the caller. */
    if (f->kind == 3) f->pc = f->lr; else f->pc += 4;
}

static void report(const char *what, unsigned kind, unsigned status)
{
    print(what);
    print_dec(": fault kind ", last_kind);
    print_dec("  status ", last_status & 0x40F);
    check(last_kind == kind && (last_status & 0x40F) == status, what);
    last_kind = last_status = 0;
}

static void expect(const char *what, int got, int want)
{
    print_dec(what, got);
    check_eq(got, want, what);
}

int main(void)
{
    traps_init(on_fault);
    (void)*(volatile unsigned *)0x00400000;           report("read past its memory", 4, 5);
    (void)*(volatile unsigned *)0x80000000;           report("read 0x80000000", 4, 5);
    (void)*(volatile unsigned *)0xFFF00000;           report("read the hypervisor page", 4, 15);
    *(volatile unsigned *)0xFFF00000 = 0xBAD;         report("write the hypervisor page", 4, 15);
    ((void (*)(void))0xFFF00004)();                   report("execute the hypervisor page", 3, 15);
    __asm__ volatile(".word 0xE7F000F0");             report("undefined instruction", 1, 0);
    __asm__ volatile("svc #0" ::: "memory");          report("svc", 2, 0);

    expect("console_io with a buffer past its memory: ", hypercall(__HYPERVISOR_console_io, 0, 8, 0x00400000, 0), -14);
    expect("console_io with a buffer in the hypervisor page: ", hypercall(__HYPERVISOR_console_io, 0, 8, 0xFFF00000, 0), -14);
    expect("sched_op shutdown with a wrapping pointer: ", hypercall(__HYPERVISOR_sched_op, SCHEDOP_shutdown, 0xFFFFFFFE, 0, 0), -14);
    expect("event_channel_op with a bad pointer: ", hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, 0x7FFFFFF0, 0, 0), -14);
    expect("grant_table_op with a bad pointer: ", hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref, 0x00400000, 1, 0), -14);
    expect("grant_table_op with a huge count: ", hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref, 0x8000, 100000, 0), -22);
    static uint32_t port = 4000;
    expect("send on a closed port: ", hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_send, (uint32_t)&port, 0, 0), -22);
    expect("unknown hypercall 99: ", hypercall(99, 0, 0, 0, 0), -38);
    expect("unknown sched_op 77: ", hypercall(__HYPERVISOR_sched_op, 77, 0, 0, 0), -38);
    print("attacker: still standing\n");
    return test_result();
}
