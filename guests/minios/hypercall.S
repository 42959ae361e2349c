    .file "hypercall.S"
@ int hypercall(nr, a0, a1, a2, a3): HVC #0xEA1 with the number in r12 (docs/abi.md).
    .syntax unified
    .arm
    .text
    .global hypercall
    .type hypercall, %function
hypercall:
    push {r4, lr}
    mov r12, r0
    mov r0, r1
    mov r1, r2
    mov r2, r3
    ldr r3, [sp, #8]
    .word 0xE140EA71            @ hvc #0xea1
    pop {r4, pc}
