@ Exception vector table and entry stubs. vectors_install copies the table to
@ address 0 (and 0xFFFF0000 is covered by tests that map it). Each stub builds
@ a struct exc_frame on its mode's stack and calls exc_dispatch(type, frame);
@ the C side may edit registers, SPSR and the resume address.
    .text
    .arm

    .global vector_table, vector_table_end, und_entry
vector_table:
    ldr     pc, [pc, #24]
    ldr     pc, [pc, #24]
    ldr     pc, [pc, #24]
    ldr     pc, [pc, #24]
    ldr     pc, [pc, #24]
    ldr     pc, [pc, #24]
    ldr     pc, [pc, #24]
    ldr     pc, [pc, #24]
    .word   reset_entry, und_entry, svc_entry, pabt_entry
    .word   dabt_entry, unused_entry, irq_entry, fiq_entry
vector_table_end:

    .global vectors_install

    .type vectors_install, %function
vectors_install:
    ldr     r0, =vector_table
    mov     r1, #0
    mov     r2, #16
1:  ldr     r3, [r0], #4
    str     r3, [r1], #4
    subs    r2, r2, #1
    bne     1b
    bx      lr

@ Frame: r0-r12, raw lr, spsr, resume pc (16 words keeps sp 8-byte aligned).
@ \adj turns the raw lr into the usual resume point.
.macro EXC_ENTRY name, type, adj
\name:
    sub     sp, sp, #8
    stmfd   sp!, {r0-r12, lr}
    mrs     r0, spsr
    str     r0, [sp, #56]
    sub     r0, lr, #\adj
    str     r0, [sp, #60]
    mov     r0, #\type
    mov     r1, sp
    bl      exc_dispatch
    ldr     r0, [sp, #56]
    msr     spsr_cxsf, r0
    ldr     r0, [sp, #60]
    str     r0, [sp, #52]
    ldmfd   sp!, {r0-r12, lr}
    add     sp, sp, #8
    movs    pc, lr
.endm

    EXC_ENTRY reset_entry,  0, 0
    EXC_ENTRY und_entry,    1, 0
    EXC_ENTRY svc_entry,    2, 0
    EXC_ENTRY pabt_entry,   3, 0
    EXC_ENTRY dabt_entry,   4, 4
    EXC_ENTRY unused_entry, 5, 0
    EXC_ENTRY irq_entry,    6, 4
    EXC_ENTRY fiq_entry,    7, 4
