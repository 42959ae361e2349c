    .file "entry.S"
@ Where the hypervisor enters the guest besides _start: event upcalls and faults.
    .syntax unified
    .arm
    .text

@ Event upcall: the hypervisor pushed {r0-r12, sp, lr, pc, cpsr, vcpu} on the interrupted
@ stack, masked upcalls and set r0 = sp = frame.
    .global upcall_entry
    .type upcall_entry, %function
upcall_entry:
    bl upcall_handler           @ C: drains pending events, unmasks (r0 = frame)
    ldr r1, [sp, #64]
    msr cpsr_f, r1              @ the interrupted flags
    ldmia sp, {r0-r15}          @ everything else, sp and pc included

@ Fault: the hypervisor pushed {r0-r12, sp, lr, pc, cpsr, kind, address, status} and set
@ r0 = sp = frame. The C handler may change the saved registers (e.g. skip the instruction).
    .global trap_entry
    .type trap_entry, %function
trap_entry:
    bl trap_handler
    ldr r1, [sp, #64]
    msr cpsr_f, r1
    ldmia sp, {r0-r15}          @ the frame's extra words stay below the restored sp
