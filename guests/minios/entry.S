    .file "entry.S"
@ Where the hypervisor enters the guest besides _start: event upcalls and faults.
    .syntax unified
    .arm
    .text

@ Event upcall: the hypervisor pushed {r0-r12, sp, lr, pc, cpsr, vcpu} (72 bytes) on the
@ interrupted stack, masked upcalls and set r0 = sp = frame. Unmasking and returning are two
@ steps; an upcall that arrives between them (upcall_exit..upcall_exit_end) would nest a frame
@ each time and, under a stream of events, run off the stack. Such an upcall drops its new frame
@ and handles events on the one being restored, which lies just above it (docs/abi.md, "The exit
@ window"; x86-32 PV Linux's critical region).
    .global upcall_entry
    .type upcall_entry, %function
upcall_entry:
    ldr r1, [r0, #60]           @ the interrupted pc
    adr r2, upcall_exit
    cmp r1, r2
    blo 1f
    adr r2, upcall_exit_end
    cmp r1, r2
    addlo sp, sp, #72           @ it interrupted our own exit: back to the frame being restored
    movlo r0, sp
1:  bl upcall_handler           @ C: one pass over the pending events, masked; r0 = &mask byte
upcall_exit:
    mov r1, #0
    strb r1, [r0]               @ unmask: what came meanwhile is delivered at the next entry
    ldr r1, [sp, #64]
    msr cpsr_f, r1              @ the interrupted flags
    ldmia sp, {r0-r15}          @ everything else, sp and pc included
upcall_exit_end:

@ Fault: the hypervisor pushed {r0-r12, sp, lr, pc, cpsr, kind, address, status} and set
@ r0 = sp = frame. The C handler may change the saved registers (e.g. skip the instruction).
    .global trap_entry
    .type trap_entry, %function
trap_entry:
    bl trap_handler
    ldr r1, [sp, #64]
    msr cpsr_f, r1
    ldmia sp, {r0-r15}          @ the frame's extra words stay below the restored sp
