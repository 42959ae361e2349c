    .file "svc_vectors.S"
@ An SVC handler that returns at once, installed at the SVC vector (address 8) as a branch.
@ Semihosting SVCs (0x123456) are intercepted by the emulator before they reach it.
    .syntax unified
    .arm
    .text
    .global install_svc_handler
    .type install_svc_handler, %function
install_svc_handler:
    ldr r0, =svc_handler
    sub r0, r0, #16         @ B at 0x8 branches to PC+8+offset
    lsr r0, r0, #2
    bic r0, r0, #0xFF000000
    orr r0, r0, #0xEA000000 @ B (always)
    mov r1, #8
    str r0, [r1]
    bx lr
    .global do_svc
    .type do_svc, %function
do_svc:                     @ runs in SVC mode, so the SVC overwrites LR: keep it
    push {lr}
    svc #1
    pop {pc}
svc_handler:
    movs pc, lr
