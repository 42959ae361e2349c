@ Entry from QEMU's ELF loader: SVC mode, MMU off, no registers set up.
@ Gives every privileged mode its own 4 KiB stack, clears .bss, runs main()
@ and passes its return value to semihosting exit.
    .section .text.start, "ax"
    .arm
    .global _start
    .type _start, %function
_start:
    ldr     r0, =__stack_top
    msr     cpsr_c, #0xD1           @ FIQ, interrupts masked
    mov     sp, r0
    sub     r0, r0, #0x1000
    msr     cpsr_c, #0xD2           @ IRQ
    mov     sp, r0
    sub     r0, r0, #0x1000
    msr     cpsr_c, #0xD7           @ ABT
    mov     sp, r0
    sub     r0, r0, #0x1000
    msr     cpsr_c, #0xDB           @ UND
    mov     sp, r0
    sub     r0, r0, #0x1000
    msr     cpsr_c, #0xDF           @ SYS (also USR's stack)
    mov     sp, r0
    sub     r0, r0, #0x1000
    msr     cpsr_c, #0xD3           @ SVC, where main runs
    mov     sp, r0

    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
1:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     1b

    bl      vectors_install
    bl      main
    bl      sh_exit
    b       .
