    .file "hello.S"
@ The smallest Cloister guest: prints over console_io, asks for the Xen version, powers off.
@ Runs in USR mode at its link address; hypercalls are HVC #0xEA1 (number in r12).
    .syntax unified
    .arm
    .text
    .global _start
_start:
    ldr sp, =stack_top
    mov r0, #0                  @ CONSOLEIO_write
    mov r1, #(msg_end - msg)
    ldr r2, =msg
    mov r12, #18                @ console_io
    .word 0xE140EA71            @ hvc #0xea1
    mov r0, #0                  @ XENVER_version
    mov r12, #17                @ xen_version
    .word 0xE140EA71
    mov r4, r0
    mov r0, #2                  @ SCHEDOP_shutdown
    ldr r1, =reason
    mov r12, #29                @ sched_op
    .word 0xE140EA71
    b .                         @ not reached

    .data
msg:    .ascii "hello from a Cloister guest\n"
msg_end:
    .align 2
reason: .word 0                 @ SHUTDOWN_poweroff
    .bss
    .align 3
    .space 1024
stack_top:
