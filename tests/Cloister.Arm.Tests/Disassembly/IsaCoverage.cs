namespace Cloister.Arm.Tests.Disassembly;

/// <summary>
/// Assembly source naming one or more of every instruction form the CPU executes (ARMv6K ARM,
/// VFPv2, Thumb with the ARMv6 additions); assembled with arm-none-eabi-as for the objdump comparison.
/// </summary>
internal static class IsaCoverage
{
    public const string Arm = """
        .syntax unified
        .arm
    start:
        and r0, r1, r2
        eors r0, r1, #255
        subne r0, r1, r2, lsl #3
        rsb r0, r1, r2, lsr r3
        adds r0, r1, r2, asr #32
        adc r0, r1, r2, ror #7
        sbc r0, r1, r2, rrx
        rsc r0, r1, #0xff000000
        tst r0, #1
        teq r0, r1
        cmp r0, r1, lsl r2
        cmn r0, #4
        orr r0, r1, #0x3fc
        movs r0, #0
        mov r0, r1, lsl #2
        mov r0, r1, lsr r2
        mov r0, r1, rrx
        bic r0, r1, #0xf0000000
        mvns r0, r1
        mov pc, lr
        nop
        mul r0, r1, r2
        mlas r0, r1, r2, r3
        umull r0, r1, r2, r3
        umlal r0, r1, r2, r3
        smulls r0, r1, r2, r3
        smlal r0, r1, r2, r3
        umaal r0, r1, r2, r3
        smlabb r0, r1, r2, r3
        smlatb r0, r1, r2, r3
        smlabt r0, r1, r2, r3
        smlawb r0, r1, r2, r3
        smulwt r0, r1, r2
        smlalbt r0, r1, r2, r3
        smultt r0, r1, r2
        qadd r0, r1, r2
        qsub r0, r1, r2
        qdadd r0, r1, r2
        qdsub r0, r1, r2
        clz r0, r1
        ldr r0, [r1]
        ldr r0, [r1, #4]
        ldr r0, [r1, #-4]!
        ldr r0, [r1], #4
        ldrb r0, [r1, r2]
        strb r0, [r1, -r2, lsl #2]!
        str r0, [r1], r2, asr #4
        ldrt r0, [r1], #4
        strbt r0, [r1], -r2
        ldrh r0, [r1, #2]
        strh r0, [r1, -r2]!
        ldrsb r0, [r1], #1
        ldrsh r0, [r1, r2]
        ldrd r0, r1, [r2, #8]
        strd r2, r3, [r4], -r5
        push {lr}
        pop {pc}
        push {r4-r11, lr}
        pop {r4-r11, pc}
        ldm r0, {r1, r2}
        ldmib r0!, {r1, r2}
        ldmda r0, {r1, r2}^
        ldmdb r0, {r1, pc}^
        stm r0, {r1, r2}
        stmia r0!, {r1, r2}
        stmdb r0, {r1, r2}^
        stmib r0!, {r1}
        swp r0, r1, [r2]
        swpb r0, r1, [r2]
        ldrex r0, [r1]
        strex r0, r1, [r2]
        ldrexb r0, [r1]
        strexh r0, r1, [r2]
        ldrexd r0, r1, [r2]
        strexd r0, r2, r3, [r4]
        clrex
        b start
        bleq start
        blx start
        bx lr
        blx r3
        bxj r2
        mrs r0, CPSR
        mrs r0, SPSR
        msr CPSR_c, r0
        msr SPSR_fsxc, r1
        msr CPSR_f, #0xf0000000
        bkpt 0x1234
        svc 0x123456
        mcr p15, 0, r0, c7, c10, 4
        mrc p15, 0, r0, c1, c0, 0
        mrc p15, 0, APSR_nzcv, c7, c14, 3
        mcrr p15, 0, r0, r1, c14
        mrrc p14, 1, r0, r1, c5
        cdp p3, 1, c2, c3, c4, 5
        ldc p14, c5, [r1, #4]
        stcl p14, c5, [r1], #-8
        ldc p14, c5, [r1], {3}
        pld [r1]
        pld [r1, #-20]
        pld [r1, r2, lsl #2]
        sadd16 r0, r1, r2
        qsub8 r0, r1, r2
        shasx r0, r1, r2
        usax r0, r1, r2
        uqadd16 r0, r1, r2
        uhsub8 r0, r1, r2
        pkhbt r0, r1, r2, lsl #8
        pkhtb r0, r1, r2, asr #16
        ssat r0, #8, r1, lsl #4
        usat r0, #7, r1, asr #3
        ssat16 r0, #4, r1
        usat16 r0, #4, r1
        sxtb r0, r1
        sxth r0, r1, ror #16
        sxtb16 r0, r1
        uxtab r0, r1, r2, ror #8
        uxtah r0, r1, r2
        uxtab16 r0, r1, r2
        sel r0, r1, r2
        rev r0, r1
        rev16 r0, r1
        revsh r0, r1
        smlad r0, r1, r2, r3
        smladx r0, r1, r2, r3
        smuad r0, r1, r2
        smlsd r0, r1, r2, r3
        smusdx r0, r1, r2
        smlald r0, r1, r2, r3
        smlsldx r0, r1, r2, r3
        smmla r0, r1, r2, r3
        smmlar r0, r1, r2, r3
        smmls r0, r1, r2, r3
        smmul r0, r1, r2
        smmulr r0, r1, r2
        usad8 r0, r1, r2
        usada8 r0, r1, r2, r3
        cpsie i
        cpsid aif, #19
        cps #16
        setend be
        setend le
        srsdb sp!, #19
        srsia sp, #31
        rfeia r0!
        rfedb r1
        wfi
        wfe
        sev
        yield
        nop {0}
        udf #42
        vadd.f32 s0, s1, s2
        vsub.f64 d0, d1, d2
        vmul.f32 s3, s4, s5
        vnmul.f64 d3, d4, d5
        vdiv.f32 s0, s1, s2
        vmla.f32 s0, s1, s2
        vmls.f64 d0, d1, d2
        vnmla.f32 s0, s1, s2
        vnmls.f64 d0, d1, d2
        vmov.f32 s0, s1
        vabs.f64 d0, d1
        vneg.f32 s0, s1
        vsqrt.f64 d0, d1
        vcmp.f32 s0, s1
        vcmpe.f64 d0, #0
        vcvt.f64.f32 d0, s1
        vcvt.f32.f64 s0, d1
        vcvt.f32.s32 s0, s1
        vcvt.f64.u32 d0, s1
        vcvt.s32.f64 s0, d1
        vcvtr.u32.f32 s0, s1
        vmov s0, r1
        vmov r1, s31
        vmov d0, r1, r2
        vmov r1, r2, d15
        vmov s2, s3, r4, r5
        vmov.32 d1[1], r2
        vmov.32 r2, d1[0]
        vmrs r0, fpscr
        vmrs APSR_nzcv, fpscr
        vmsr fpexc, r0
        vmrs r0, fpsid
        vldr s0, [r1, #8]
        vstr d0, [r1, #-16]
        vldmia r0!, {s0-s3}
        vstmdb r0!, {d0-d2}
        vpush {d8-d15}
        vpop {s16-s31}
        fldmiax r0!, {d0-d3}
        ldcl p11, c0, [r0]
    """;

    public const string Thumb = """
        .syntax unified
        .thumb
    tstart:
        lsls r0, r1, #2
        lsrs r0, r1, #32
        asrs r0, r1, #1
        movs r0, r1
        adds r0, r1, r2
        subs r0, r1, #7
        movs r0, #255
        cmp r0, #0
        adds r0, #8
        subs r0, #8
        ands r0, r1
        eors r0, r1
        lsls r0, r1
        lsrs r0, r1
        asrs r0, r1
        adcs r0, r1
        sbcs r0, r1
        rors r0, r1
        tst r0, r1
        negs r0, r1
        cmp r0, r1
        cmn r0, r1
        orrs r0, r1
        muls r0, r1, r0
        bics r0, r1
        mvns r0, r1
        add r8, r9
        cmp r8, r1
        mov r0, r9
        mov r8, r8
        bx lr
        blx r3
        ldr r0, [pc, #8]
        str r0, [r1, r2]
        strh r0, [r1, r2]
        strb r0, [r1, r2]
        ldrsb r0, [r1, r2]
        ldr r0, [r1, r2]
        ldrh r0, [r1, r2]
        ldrb r0, [r1, r2]
        ldrsh r0, [r1, r2]
        str r0, [r1, #124]
        ldr r0, [r1]
        strb r0, [r1, #31]
        ldrb r0, [r1, #1]
        strh r0, [r1, #62]
        ldrh r0, [r1, #2]
        str r0, [sp, #1020]
        ldr r0, [sp, #4]
        add r0, pc, #8
        add r0, sp, #1020
        add sp, #508
        sub sp, #4
        push {r0-r7, lr}
        pop {r0, pc}
        sxth r0, r1
        sxtb r0, r1
        uxth r0, r1
        uxtb r0, r1
        rev r0, r1
        rev16 r0, r1
        revsh r0, r1
        cpsie if
        cpsid a
        setend be
        bkpt 0xab
        stmia r0!, {r1, r2}
        ldmia r0!, {r1, r2}
        ldmia r0, {r0, r1}
        beq tstart
        bgt tstart
        svc 12
        udf #0
        b tstart
        bl tstart
        blx astart
        .align 2
        .arm
    astart:
        bx lr
    """;
}
