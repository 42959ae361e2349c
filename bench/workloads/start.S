    .file "start.S"
@ Minimal start-up for the benchmark workloads: a stack, then main(iterations), then
@ semihosting SYS_EXIT. The iteration count comes from the semihosting command line
@ (the last number of "-append"), so QEMU and Cloister run the very same image.
    .syntax unified
    .arm
    .section .text.start
    .global _start
_start:
    ldr sp, =stack_top
    bl read_iterations
    bl main
    mov r0, #0x18           @ SYS_EXIT
    ldr r1, =0x20026        @ ADP_Stopped_ApplicationExit
    svc 0x123456
    b .

    .global semihost
    .type semihost, %function
semihost:                   @ r0 = operation, r1 = argument block
    svc 0x123456
    bx lr

    .bss
    .align 3
    .space 16384
stack_top:
