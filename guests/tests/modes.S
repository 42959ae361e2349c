@ Helpers for modes.c that must switch processor mode, which C cannot do.
    .text
    .arm

@ bank_probe(u32 *out): writes a distinct pattern into r8-r14 and SPSR of
@ FIQ, IRQ, ABT, UND and SYS, then reads every mode's r8-r14 and SPSR back
@ (8 words per mode) and finally SVC's own r8-r12 (5 words). The modes'
@ real sp/lr (exception stacks) are saved and restored around it.
    .global bank_probe
    .type bank_probe, %function
bank_probe:
    push    {r4-r12, lr}
    mrs     r4, cpsr
    ldr     r5, =bank_save
    .irp m, 0xD1, 0xD2, 0xD7, 0xDB, 0xDF
    msr     cpsr_c, #\m
    str     sp, [r5], #4
    str     lr, [r5], #4
    .endr
    .irp m, 0xD1, 0xD2, 0xD7, 0xDB, 0xDF
    msr     cpsr_c, #\m
    ldr     r8, =(\m << 24) | 0x08
    ldr     r9, =(\m << 24) | 0x09
    ldr     r10, =(\m << 24) | 0x0a
    ldr     r11, =(\m << 24) | 0x0b
    ldr     r12, =(\m << 24) | 0x0c
    ldr     sp, =(\m << 24) | 0x0d
    ldr     lr, =(\m << 24) | 0x0e
    .if \m != 0xDF
    ldr     r6, =0xf80000c0 | (\m & 0x1f)
    msr     spsr_fsxc, r6
    .endif
    .endr
    .irp m, 0xD1, 0xD2, 0xD7, 0xDB, 0xDF
    msr     cpsr_c, #\m
    stmia   r0!, {r8-r12}
    str     sp, [r0], #4
    str     lr, [r0], #4
    .if \m != 0xDF
    mrs     r6, spsr
    .else
    mov     r6, #0
    .endif
    str     r6, [r0], #4
    .endr
    msr     cpsr_c, r4
    stmia   r0!, {r8-r12}
    ldr     r5, =bank_save
    .irp m, 0xD1, 0xD2, 0xD7, 0xDB, 0xDF
    msr     cpsr_c, #\m
    ldr     sp, [r5], #4
    ldr     lr, [r5], #4
    .endr
    msr     cpsr_c, r4
    pop     {r4-r12, pc}

    .bss
bank_save:
    .space  40
