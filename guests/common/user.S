@ run_user(fn, arg): calls fn(arg) in USR mode (IRQ/FIQ masked) on the
@ USR/SYS stack, then "svc #0xff" brings it back: exc_dispatch recognises
@ that SVC from USR and returns in SVC mode. Returns fn's result.
    .text
    .arm
    .global run_user
    .type run_user, %function
run_user:
    push    {r4-r11, lr}
    mov     r4, r0
    mov     r0, r1
    msr     cpsr_c, #0xD0
    blx     r4
    svc     #0xff
    pop     {r4-r11, pc}
