@ Entry for every CPU: QEMU starts all of them at the ELF entry point at once (hw/arm/boot.c
@ enters a non-Linux image on each CPU), in SVC mode with the MMU off. Each CPU takes its
@ own 0x6000 bytes of stacks by its MPIDR CPU number. CPU 0 clears .bss, installs the
@ vectors, runs main() and exits through semihosting with its result; the others wait
@ (WFE) until smp_start_secondaries() sets smp_go, then run secondary_main(cpu).
#include "entry.inc"
    .section .text.start, "ax"
    .arm
    .global _start
    .type _start, %function
_start:
    mrc     p15, 0, r4, c0, c0, 5   @ MPIDR
    and     r4, r4, #3              @ CPU number
    ldr     r0, =__stack_top
    mov     r1, #0x6000
    mul     r1, r4, r1
    sub     r0, r0, r1
    mode_stacks
    cmp     r4, #0
    bne     secondary

    run_main

@ smp_go is in .data, not .bss: CPU 0 clears .bss while the others already poll it.
secondary:
    ldr     r1, =smp_go
2:  wfe
    ldr     r0, [r1]
    cmp     r0, #0
    beq     2b
    mcr     p15, 0, r0, c7, c10, 5  @ DMB: see what CPU 0 wrote before smp_go
    mov     r0, r4
    bl      secondary_main
3:  wfi
    b       3b

    .data
    .align 2
    .global smp_go
smp_go:
    .word   0
