    .file "start.S"
@ Start-up: guests start in USR mode at _start with the MMU on; virtual = pseudo-physical
@ (docs/abi.md). Keeps the command line, switches to the boot stack, runs main and shuts the
@ domain down with main's result as the reason.
    .syntax unified
    .arm
    .text
    .global _start
_start:
    ldr r2, =boot_cmdline       @ r0 = the domain's command line (docs/abi.md), keep it
    str r0, [r2]
    ldr sp, =stack_top
    bl main
    mov r1, r0                  @ main's result is the shutdown reason
    bl shutdown
    b .

    .bss
    .align 3
    .global boot_cmdline
boot_cmdline:
    .space 4
    .align 3
    .space 8192
stack_top:
