@ Entry from QEMU's ELF loader: SVC mode, MMU off, no registers set up.
@ Gives every privileged mode its own 4 KiB stack, clears .bss, runs main()
@ and passes its return value to semihosting exit.
#include "entry.inc"
    .section .text.start, "ax"
    .arm
    .global _start
    .type _start, %function
_start:
    ldr     r0, =__stack_top
    mode_stacks

    run_main
