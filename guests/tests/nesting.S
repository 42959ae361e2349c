@ from_mode(mode, kind, after): switches to a privileged mode (interrupts
@ masked), gives its lr and SPSR known values, raises an exception there
@ (kind 0 UND, 1 BKPT, 2 SVC, 3 misaligned LDR with SCTLR.A set) and stores
@ that mode's lr and SPSR afterwards in after[0..1]: an exception taken from
@ a mode must leave them alone.
    .text
    .arm
    .global from_mode
    .type from_mode, %function
from_mode:
    push    {r4-r7, lr}
    mrs     r4, cpsr
    orr     r0, r0, #0xc0
    msr     cpsr_c, r0
    mov     r6, lr                  @ keep the mode's real lr
    and     r5, r0, #0x1f
    cmp     r5, #0x1f               @ SYS has no SPSR: leave it out
    mrsne   r7, spsr
    ldrne   r3, =0xa00000d0 | 0x1f
    msrne   spsr_fsxc, r3
    ldr     lr, =0x1e1e1e1e
    cmp     r1, #1
    blo     1f
    beq     2f
    cmp     r1, #2
    beq     3f
    ldr     r3, [sp, #1]            @ misaligned: alignment fault
    b       4f
1:  .word   0xe7f000f0              @ undefined
    b       4f
2:  bkpt    #7
    b       4f
3:  svc     #7
4:  str     lr, [r2]
    mov     r3, #0
    cmp     r5, #0x1f
    mrsne   r3, spsr
    str     r3, [r2, #4]
    mov     lr, r6
    msrne   spsr_fsxc, r7
    msr     cpsr_c, r4
    pop     {r4-r7, pc}
