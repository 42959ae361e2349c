@ ARM-state helpers for the Thumb test: reading CPSR (Thumb-1 has no MRS)
@ and interworking targets reached from Thumb with BLX/BX/POP/LDR pc.
    .syntax unified
    .text
    .arm
    .global read_cpsr
    .type read_cpsr, %function
read_cpsr:                      @ r0 = CPSR, nothing else touched
    mrs     r0, cpsr
    bx      lr

    .global arm_add_bx @ r0 += 100, returns with BX (to Thumb or ARM)

    .type arm_add_bx, %function
arm_add_bx:
    add     r0, r0, #100
    bx      lr

    .global arm_state_probe @ returns CPSR seen in ARM state

    .type arm_state_probe, %function
arm_state_probe:
    mrs     r0, cpsr
    bx      lr

    .global arm_ldr_pc_to_thumb @ jumps to Thumb code by LDR pc with bit 0 set

    .type arm_ldr_pc_to_thumb, %function
arm_ldr_pc_to_thumb:            @ r0 = Thumb function address | 1; it returns to lr
    str     r0, [sp, #-8]!
    mov     r0, #0
    ldr     pc, [sp], #8

    .global arm_blx_imm_to_thumb @ BLX label: ARM to Thumb with link

    .type arm_blx_imm_to_thumb, %function
arm_blx_imm_to_thumb:
    push    {r4, lr}
    blx     thumb_target_imm
    pop     {r4, pc}

    .thumb
    .thumb_func
thumb_target_imm:               @ returns a marker; only Thumb decodes these as intended
    movs    r0, #0x77
    adds    r0, r0, r0
    bx      lr
