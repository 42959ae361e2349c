namespace Cloister.ArmV6.Tests.Programs;

/// <summary>
/// Hand-written programs for behaviour random operands do not reach: exclusives, endianness, CPS/SRS/RFE,
/// hints, alignment. Each writes 4-word records {tag, a, b, c} (the <c>rec</c> macro) and ends with
/// <c>b finish</c>; traps are logged by the frame's handlers. Expected results come from QEMU only.
/// </summary>
public static class Directed
{
    static TestProgram Make(string name, string body) =>
        new(name, Frame.Wrap($"    ldr r11, =0x{Frame.Out:x8}\n" + body + "\n    b finish\n"), [], 0, 4);

    public static TestProgram Exclusives => Make("exclusives", """
            ldr r4, =0x00100000
            ldr r0, =0x11223344
            str r0, [r4]
            ldr r0, =0x55667788
            str r0, [r4, #4]
            @ 1: LDREX/STREX succeed
            ldrex r1, [r4]
            add r1, r1, #1
            strex r2, r1, [r4]
            ldr r3, [r4]
            rec 1, r1, r2, r3
            @ 2: STREX with the monitor open for nothing fails, memory unchanged
            mov r1, #0x99
            strex r2, r1, [r4]
            ldr r3, [r4]
            rec 2, r1, r2, r3
            @ 3: a plain store of another value between LDREX and STREX
            ldrex r1, [r4]
            mov r0, #7
            str r0, [r4]
            strex r2, r1, [r4]
            ldr r3, [r4]
            rec 3, r1, r2, r3
            @ 4: a plain store of the same value
            ldrex r1, [r4]
            str r1, [r4]
            add r1, r1, #0x100
            strex r2, r1, [r4]
            ldr r3, [r4]
            rec 4, r1, r2, r3
            @ 5: STREX to another address than LDREX's
            add r5, r4, #4
            ldrex r1, [r4]
            strex r2, r1, [r5]
            ldr r3, [r4, #4]
            rec 5, r1, r2, r3
            @ 6: an exception (SVC) and its return between LDREX and STREX
            ldrex r1, [r4]
            svc #0x11
            strex r2, r1, [r4]
            ldr r3, [r4]
            rec 6, r1, r2, r3
            @ 7: an undefined instruction trap between them
            ldrex r1, [r4]
            .word 0xe7f000f0
            strex r2, r1, [r4]
            rec 7, r1, r2, r2
            @ 8: two LDREX, STREX to the first address
            add r5, r4, #4
            ldrex r1, [r4]
            ldrex r0, [r5]
            strex r2, r1, [r4]
            rec 8, r0, r1, r2
            @ 9: misaligned LDREX: alignment fault
            add r5, r4, #2
            ldrex r1, [r5]
            rec 9, r1, r5, r5
            @ 10: misaligned STREX without a reservation there: fails quietly
            strex r2, r1, [r5]
            rec 10, r2, r5, r5
            @ 11: SWP still works
            mov r0, #0x42
            swp r1, r0, [r4]
            ldr r3, [r4]
            rec 11, r0, r1, r3
            @ 12: LDREXB/STREXB (ARMv6K; UNDEFINED on arm1136-r2)
            mov r1, #0
            mov r2, #5
            .arch armv6k
            ldrexb r1, [r4]
            add r1, r1, #1
            strexb r2, r1, [r4]
            ldr r3, [r4]
            rec 12, r1, r2, r3
            @ 13: LDREXH/STREXH
            mov r2, #5
            add r5, r4, #2
            ldrexh r1, [r5]
            add r1, r1, #1
            strexh r2, r1, [r5]
            ldr r3, [r4]
            rec 13, r1, r2, r3
            @ 14: LDREXD/STREXD
            mov r2, #5
            ldrexd r0, r1, [r4]
            add r0, r0, #1
            add r1, r1, #2
            strexd r2, r0, r1, [r4]
            ldrd r6, r7, [r4]
            rec 14, r2, r6, r7
            @ 15: CLREX
            mov r2, #5
            ldrex r1, [r4]
            clrex
            strex r2, r1, [r4]
            rec 15, r1, r2, r2
            @ 16: LDREXD at a word (not doubleword) aligned address
            add r5, r4, #4
            mov r0, #0
            mov r1, #0
            ldrexd r0, r1, [r5]
            rec 16, r0, r1, r5
            @ 17: LDREX word then STREXB of the same address
            mov r2, #5
            ldrex r1, [r4]
            strexb r2, r1, [r4]
            ldr r3, [r4]
            rec 17, r1, r2, r3
            @ 18: SEV then WFE (the event is set, so WFE does not wait), YIELD, NOP
            sev
            wfe
            yield
            nop
            mov r0, #18
            rec 18, r0, r0, r0
        """);

    public static TestProgram Endianness => Make("endianness", """
            ldr r4, =0x00100000
            ldr r0, =0x11223344
            str r0, [r4]
            ldr r0, =0x55667788
            str r0, [r4, #4]
            setend be
            mrs r5, cpsr
            ldr r1, [r4]
            ldrh r2, [r4]
            ldrh r3, [r4, #2]
            rec 1, r1, r2, r3
            ldrsh r1, [r4, #2]
            ldrb r2, [r4, #1]
            ldrsb r3, [r4, #3]
            rec 2, r1, r2, r3
            ldr r0, =0xa1b2c3d4
            str r0, [r4, #8]
            strh r0, [r4, #12]
            ldr r6, =0xe5f60718
            strb r6, [r4, #15]
            ldrd r2, r3, [r4]
            rec 3, r2, r3, r5
            ldm r4, {r1, r2, r3}
            rec 4, r1, r2, r3
            stmdb r4, {r1, r2, r3}
            ldrex r1, [r4]
            strex r2, r1, [r4]
            rec 5, r1, r2, r2
            @ an exception entered from big-endian code runs little-endian (SCTLR.EE = 0) and returns to BE
            svc #0x21
            ldr r1, [r4]
            mrs r2, cpsr
            rec 6, r1, r2, r2
            setend le
            mrs r5, cpsr
            ldr r1, [r4, #8]
            ldr r2, [r4, #12]
            ldr r3, [r4, #-12]
            rec 7, r1, r2, r3
            ldr r1, [r4, #-8]
            ldr r2, [r4, #-4]
            rec 8, r1, r2, r5
            @ MSR can set E too
            mrs r0, cpsr
            orr r0, r0, #0x200
            msr cpsr_x, r0
            ldr r1, [r4]
            mrs r2, cpsr
            bic r0, r0, #0x200
            msr cpsr_x, r0
            ldr r3, [r4]
            rec 9, r1, r2, r3
            @ Thumb SETEND
            adr r0, 1f + 1
            bx r0
            .thumb
        1:  setend be
            ldr r1, [r4]
            ldrh r2, [r4]
            setend le
            ldr r3, [r4]
            .balign 4
            bx pc
            nop
            .arm
            rec 10, r1, r2, r3
            @ unaligned word load with E set (SCTLR.U = 0 and A = 0)
            setend be
            ldr r1, [r4, #1]
            ldrh r2, [r4, #1]
            setend le
            ldr r3, [r4, #1]
            rec 11, r1, r2, r3
        """);

    public static TestProgram ProcessorState => Make("processor-state", """
            @ 1: CPS changes the masks and the mode
            cpsie if
            mrs r1, cpsr
            cpsid i
            mrs r2, cpsr
            cpsid aif, #0x1f
            mrs r3, cpsr
            rec 1, r1, r2, r3
            cps #0x12
            mov r1, sp
            mrs r2, cpsr
            cps #0x13
            cpsie a
            mrs r3, cpsr
            rec 2, r1, r2, r3
            @ 3: SRS in all four addressing modes, to IRQ mode's stack, from SVC
            ldr r0, =0xf00000d2
            msr spsr_fsxc, r0
            ldr lr, =0x12345678
            cps #0x12
            ldr sp, =0x00120100
            cps #0x13
            srsdb sp!, #0x12
            srsia sp!, #0x12
            srsda sp, #0x12
            srsib sp!, #0x12
            cps #0x12
            mov r1, sp
            cps #0x13
            ldr r4, =0x001200f0
            ldm r4, {r2, r3, r5, r6, r7, r8, r9, r10}
            rec 3, r1, r2, r3
            rec 4, r5, r6, r7
            rec 5, r8, r9, r10
            @ 6: SRS to the current mode's own stack
            mov r5, sp
            srsdb sp!, #0x13
            mov r1, sp
            ldr r2, [sp]
            ldr r3, [sp, #4]
            mov sp, r5
            rec 6, r1, r2, r3
            @ 7: RFE to ARM code in SVC mode with new flags
            ldr r4, =0x00121000
            adr r0, 2f
            ldr r1, =0x900000d3
            stmia r4, {r0, r1}
            mov r6, r4
            rfeia r6!
            mov r0, #0xba
        2:  mrs r1, cpsr
            rec 7, r1, r6, r0
            @ 8: RFEDB to Thumb code, mode System
            ldr r4, =0x00121010
            adr r0, 3f + 1
            ldr r1, =0x600000ff
            stmdb r4, {r0, r1}
            rfedb r4!
            .thumb
        3:  mov r2, r4
            .balign 4
            bx pc
            nop
            .arm
            mrs r1, cpsr
            rec 8, r1, r2, r2
            cps #0x13
            @ 9: SRS from System mode is UNDEFINED (QEMU)
            cps #0x1f
            srsdb sp!, #0x13
            cps #0x13
            mov r1, #9
            rec 9, r1, r1, r1
            @ 10: in User mode CPS does nothing; RFE is UNDEFINED
            ldr r0, =0x0027fff4
            adr r1, 4f
            cps #0x10
            cpsid if
            cps #0x13
            mrs r2, cpsr
            ldr r4, =0x00121000
            rfeia r4
            mrs r3, cpsr
            str r1, [r0]
            svc #0x33
        4:  rec 10, r2, r3, r3
            @ 11: SRS with a misaligned stack: alignment fault
            ldr r0, =0x0027fff4
            adr r1, 5f
            str r1, [r0]
            mov r5, sp
            ldr sp, =0x00120102
            srsdb sp!, #0x13
        5:  mov r1, sp
            mov sp, r5
            rec 11, r1, r1, r1
            @ 12: Thumb CPS
            adr r0, 6f + 1
            bx r0
            .thumb
        6:  cpsid f
            .balign 4
            bx pc
            nop
            .arm
            mrs r1, cpsr
            adr r0, 8f + 1
            bx r0
            .thumb
        8:  cpsie f
            .balign 4
            bx pc
            nop
            .arm
            mrs r2, cpsr
            rec 12, r1, r2, r2
            @ 13: the SPSR and CPSR of an unimplemented Monitor mode
            ldr r0, =0x0027fff4
            adr r1, 7f
            str r1, [r0]
            cps #0x16
        7:  mrs r1, cpsr
            rec 13, r1, r1, r1
        """);

    public static TestProgram Alignment => Make("alignment", """
            ldr r4, =0x00100000
            ldr r0, =0x11223344
            str r0, [r4]
            ldr r0, =0x55667788
            str r0, [r4, #4]
            @ 1: SCTLR.U = 0, A = 0: unaligned LDR/LDRH/STR
            ldr r1, [r4, #1]
            ldrh r2, [r4, #1]
            ldr r3, [r4, #2]
            rec 1, r1, r2, r3
            @ 2: LDRD at a word-aligned but not doubleword-aligned address, LDM misaligned
            ldrd r2, r3, [r4, #4]
            ldr r0, =0x0027fff4
            adr r1, 1f
            str r1, [r0]
            add r5, r4, #2
            ldm r5, {r6, r7}
        1:  rec 2, r2, r3, r6
            @ 3: SCTLR.U = 1
            mrc p15, 0, r0, c1, c0, 0
            orr r0, r0, #0x400000
            mcr p15, 0, r0, c1, c0, 0
            ldr r1, [r4, #1]
            ldrh r2, [r4, #3]
            ldrd r6, r7, [r4, #4]
            rec 3, r1, r2, r6
            mov r1, #0
            add r5, r4, #1
            ldr r0, =0x0027fff4
            adr r1, 2f
            str r1, [r0]
            ldrd r6, r7, [r5]
        2:  rec 4, r6, r7, r7
            @ 5: SCTLR.A = 1: alignment faults
            mrc p15, 0, r0, c1, c0, 0
            orr r0, r0, #2
            mcr p15, 0, r0, c1, c0, 0
            mov r1, #0
            ldr r1, [r4, #1]
            mov r2, #0
            ldrh r2, [r4, #1]
            strh r2, [r4, #3]
            ldrb r3, [r4, #1]
            rec 5, r1, r2, r3
            ldrd r6, r7, [r4, #4]
            rec 6, r6, r7, r7
            mrc p15, 0, r0, c1, c0, 0
            bic r0, r0, #0x400000
            bic r0, r0, #2
            mcr p15, 0, r0, c1, c0, 0
            mrc p15, 0, r1, c1, c0, 0
            rec 7, r1, r1, r1
        """);

    /// <summary>The ARMv6 translation format (SCTLR.XP = 1): sections, supersections, coarse tables with small
    /// and large pages, APX, XN, domains, TTBR0/TTBR1 split, VA-to-PA operations, the access flag (v6K).
    /// Faults are logged by the frame's handlers with DFSR/DFAR/IFSR/IFAR.</summary>
    public static TestProgram Mmu => Make("mmu-v6", """
            .macro l1 va, desc
            ldr r0, =0x00600000 + ((\va) >> 18)
            ldr r1, =\desc
            str r1, [r0]
            .endm
            .macro l2 index, desc
            ldr r0, =0x00608000 + (\index) * 4
            ldr r1, =\desc
            str r1, [r0]
            .endm
            .macro resume_at label
            ldr r0, =0x0027fff4
            adr r1, \label
            str r1, [r0]
            .endm
            .macro tlbflush
            mov r0, #0
            mcr p15, 0, r0, c8, c7, 0
            .endm
            ldr r4, =0x00100000
            ldr r0, =0xcafe0001
            str r0, [r4]
            ldr r0, =0xcafe0002
            str r0, [r4, #4]
            ldr r0, =0xcafe1001
            ldr r1, =0x00101000
            str r0, [r1]
            @ clear both level-1 tables and the level-2 table
            ldr r0, =0x00600000
            mov r1, #0
            ldr r2, =0x00609000
        1:  str r1, [r0], #4
            cmp r0, r2
            bne 1b
            @ identity sections for the first 16 MiB, full access, domain 0
            ldr r0, =0x00600000
            mov r1, #0
        1:  mov r2, r1, lsl #20
            orr r2, r2, #0xc00
            orr r2, r2, #0x2
            str r2, [r0, r1, lsl #2]
            add r1, r1, #1
            cmp r1, #16
            bne 1b
            l1 0x10000000, 0x00100c02        @ RW section
            l1 0x11000000, 0x00100402        @ privileged-only section
            l1 0x12000000, 0x00108402        @ APX=1 AP=01: privileged read-only
            l1 0x13000000, 0x00100c22        @ domain 1 (no access)
            l1 0x14000000, 0x00100042        @ domain 2 (manager), AP=00
            l1 0x15000000, 0x00000c12        @ code, XN
            l1 0x16000000, 0x00000c02        @ code, executable
            l1 0x18000000, 0x00120c02 | (1 << 17)  @ not global
            l1 0x19000000, 0x00100802        @ AP=10: AP[0] clear (access flag with AFE)
            l1 0x30000000, 0x00608001        @ coarse table
            l2 0, 0x00100032                 @ small page, RW
            l2 1, 0x00101212                 @ small page, APX=1 AP=01
            l2 3, 0x00010033                 @ small page over the code, XN
            l2 4, 0x00100002                 @ AP=00 APX=0 (S=R=0: no access)
            .irp i, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
            l2 \i, 0x00100031                @ 64 KiB large page
            .endr
            .irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
            l1 0x20000000 + \i * 0x100000, 0x00040c02   @ supersection -> 0
            .endr
            @ TTBR1's table: VA 0x50000000 only
            ldr r0, =0x00604000 + (0x50000000 >> 18)
            ldr r1, =0x00100c02
            str r1, [r0]
            ldr r0, =0x00600000
            mcr p15, 0, r0, c2, c0, 0
            ldr r0, =0x00604000
            mcr p15, 0, r0, c2, c0, 1
            mov r0, #0
            mcr p15, 0, r0, c2, c0, 2
            mov r0, #0x31                    @ domain 0 client, 1 none, 2 manager
            mcr p15, 0, r0, c3, c0, 0
            tlbflush
            mrc p15, 0, r0, c1, c0, 0
            orr r0, r0, #0x800000            @ XP
            orr r0, r0, #1                   @ M
            mcr p15, 0, r0, c1, c0, 0
            mrc p15, 0, r5, c1, c0, 0
            @ 1: sections, supersection, pages, large page
            ldr r0, =0x10000000
            ldr r1, [r0]
            ldr r0, =0x20100004
            ldr r2, [r0]
            ldr r0, =0x30000000
            ldr r3, [r0]
            rec 1, r1, r2, r3
            ldr r0, =0x30001000
            ldr r1, [r0]
            ldr r0, =0x30010004
            ldr r2, [r0]
            ldr r0, =0x3001f004
            ldr r3, [r0]
            rec 2, r1, r2, r3
            @ 3: faults: read-only write, domain, translation (page and section), AP=00
            mov r1, #0x11
            ldr r0, =0x12000000
            str r1, [r0]
            ldr r0, =0x30001000
            str r1, [r0]
            mov r2, #0x22
            ldr r0, =0x13000000
            ldr r2, [r0]
            ldr r0, =0x30002000
            ldr r3, [r0]
            ldr r0, =0x70000000
            ldr r3, [r0]
            ldr r0, =0x30004000
            ldr r3, [r0]
            rec 3, r1, r2, r5
            @ 4: manager domain ignores AP; privileged-only section from SVC
            ldr r0, =0x14000000
            ldr r1, [r0]
            str r1, [r0, #8]
            ldr r0, =0x11000000
            ldr r2, [r0, #8]
            rec 4, r1, r2, r2
            @ 5: execute through an executable alias, then through an XN section and an XN page
            ldr r0, =0x16000000
            adr r1, alias_fn
            add r0, r0, r1
            blx r0
            mov r6, r0
            resume_at 2f
            ldr r0, =0x15000000
            adr r1, alias_fn
            add r0, r0, r1
            blx r0
        2:  resume_at 3f
            ldr r0, =0x30003000
            adr r1, alias_fn
            bic r1, r1, #0xff000000
            bic r1, r1, #0x00ff0000
            bic r1, r1, #0x0000f000
            add r0, r0, r1
            blx r0
        3:  rec 5, r6, r6, r6
            @ 6: TTBCR.N = 2 puts 0x50000000 in TTBR1's table
            ldr r0, =0x50000000
            mov r1, #0x66
            ldr r1, [r0]
            mov r0, #2
            mcr p15, 0, r0, c2, c0, 2
            tlbflush
            ldr r0, =0x50000000
            ldr r2, [r0]
            ldr r0, =0x10000000
            ldr r3, [r0]
            mrc p15, 0, r5, c2, c0, 2
            rec 6, r1, r2, r3
            mov r0, #0
            mcr p15, 0, r0, c2, c0, 2
            tlbflush
            @ 7: VA-to-PA operations (VAPA cores; UNDEFINED on the ARM1136)
            ldr r1, =0x77777777
            mov r2, r1
            mov r3, r1
            ldr r0, =0x10000123
            mcr p15, 0, r0, c7, c8, 0
            mrc p15, 0, r1, c7, c4, 0
            ldr r0, =0x70000000
            mcr p15, 0, r0, c7, c8, 1
            mrc p15, 0, r2, c7, c4, 0
            ldr r0, =0x11000000
            mcr p15, 0, r0, c7, c8, 2
            mrc p15, 0, r3, c7, c4, 0
            rec 7, r1, r2, r3
            ldr r0, =0x12000000
            mcr p15, 0, r0, c7, c8, 1
            mrc p15, 0, r1, c7, c4, 0
            ldr r0, =0x30010000
            mcr p15, 0, r0, c7, c8, 3
            mrc p15, 0, r2, c7, c4, 0
            ldr r0, =0x20345678
            mcr p15, 0, r0, c7, c8, 0
            mrc p15, 0, r3, c7, c4, 0
            rec 8, r1, r2, r3
            @ 9: a new ASID; a not-global mapping is still reachable after the TLB maintenance
            ldr r0, =0x18000000
            ldr r1, [r0]
            mov r0, #5
            mcr p15, 0, r0, c13, c0, 1
            ldr r0, =0x18000000
            ldr r2, [r0]
            mov r0, #5
            mcr p15, 0, r0, c8, c7, 2
            ldr r0, =0x10000000
            mcr p15, 0, r0, c8, c7, 1
            ldr r0, =0x18000000
            ldr r3, [r0]
            rec 9, r1, r2, r3
            @ 10: User mode: privileged-only section faults, RW section works
            ldr r0, =0x00000028
            ldr r1, =back_to_svc
            str r1, [r0]
            mov r1, #0
            mov r2, #0
            cps #0x10
            ldr r0, =0x11000000
            ldr r1, [r0]
            ldr r0, =0x10000000
            ldr r2, [r0]
            ldr r0, =0x12000000
            ldr r3, [r0]
            svc #0x10
            rec 10, r1, r2, r3
            @ 11: access flag (SCTLR.AFE, ARMv6K)
            mrc p15, 0, r0, c1, c0, 0
            orr r0, r0, #0x20000000
            mcr p15, 0, r0, c1, c0, 0
            mov r1, #0
            ldr r0, =0x19000000
            ldr r1, [r0]
            ldr r0, =0x11000000
            ldr r2, [r0]
            mrc p15, 0, r3, c1, c0, 0
            bic r0, r3, #0x20000000
            mcr p15, 0, r0, c1, c0, 0
            rec 11, r1, r2, r3
            @ 12: back to the ARMv5 format (XP = 0) with the MMU still on
            mrc p15, 0, r0, c1, c0, 0
            bic r0, r0, #0x800000
            mcr p15, 0, r0, c1, c0, 0
            ldr r0, =0x10000000
            ldr r1, [r0]
            ldr r0, =0x20100004
            ldr r2, [r0]
            rec 12, r1, r2, r2
            mrc p15, 0, r0, c1, c0, 0
            bic r0, r0, #1
            mcr p15, 0, r0, c1, c0, 0
            b finish
            .ltorg
        back_to_svc:
            bx lr
            .balign 4
        alias_fn:
            ldr r0, =0xa11a5
            bx lr
            .ltorg
        """);

    /// <summary>The Security Extensions of the arm1176 (run against QEMU's raspi0, which keeps EL3): Secure and
    /// Non-secure CP15 banks, Secure-only registers, SMC into Monitor mode at MVBAR, SCR.SCD.</summary>
    public static TestProgram SecurityExtensions => Make("security-extensions", """
            @ 1: Secure SVC writes the Secure copies
            ldr r0, =0x11110000
            mcr p15, 0, r0, c13, c0, 4
            ldr r0, =0x55555555
            mcr p15, 0, r0, c3, c0, 0
            ldr r0, =0x00001000
            mcr p15, 0, r0, c12, c0, 0
            mrc p15, 0, r1, c12, c0, 0
            mov r0, #0
            mcr p15, 0, r0, c12, c0, 0
            mrc p15, 0, r2, c13, c0, 4
            mrc p15, 0, r3, c3, c0, 0
            rec 1, r1, r2, r3
            adr r0, monitor_vectors
            mcr p15, 0, r0, c12, c0, 1
            mrc p15, 0, r1, c12, c0, 1
            mrc p15, 0, r2, c1, c1, 0
            mrs r3, cpsr
            rec 2, r1, r2, r3
            @ 3: to the Non-secure state: the Non-secure copies
            mrc p15, 0, r0, c1, c1, 0
            orr r0, r0, #1
            mcr p15, 0, r0, c1, c1, 0
            mrc p15, 0, r1, c13, c0, 4
            mrc p15, 0, r2, c3, c0, 0
            mrc p15, 0, r3, c1, c0, 0
            rec 3, r1, r2, r3
            ldr r0, =0x22220000
            mcr p15, 0, r0, c13, c0, 4
            mov r0, #0x1
            mcr p15, 0, r0, c3, c0, 0
            @ 4: Secure-only registers are UNDEFINED here, and so is Monitor mode
            mov r1, #0x44
            mrc p15, 0, r1, c1, c1, 0
            mov r2, #0x44
            mrc p15, 0, r2, c12, c0, 1
            cps #0x16
            mrs r3, cpsr
            rec 4, r1, r2, r3
            @ 5: SMC into Monitor mode and back
            mov r7, #0
            smc #0
            mrc p15, 0, r1, c13, c0, 4
            mrs r2, cpsr
            rec 6, r1, r2, r2
            @ 7: SMC that returns to the Secure state
            mov r7, #1
            smc #1
            mrc p15, 0, r1, c13, c0, 4
            mrc p15, 0, r2, c3, c0, 0
            mrc p15, 0, r3, c1, c1, 0
            rec 7, r1, r2, r3
            @ 8: SMC from User mode is UNDEFINED; SCR.SCD makes it UNDEFINED too
            ldr r0, =0x00000028
            ldr r1, =back_to_svc
            str r1, [r0]
            cps #0x10
            smc #2
            svc #0
            mrc p15, 0, r0, c1, c1, 0
            orr r0, r0, #0x80
            mcr p15, 0, r0, c1, c1, 0
            smc #3
            bic r0, r0, #0x80
            mcr p15, 0, r0, c1, c1, 0
            mrs r1, cpsr
            rec 8, r1, r1, r1
            @ 9: VBAR moves the vectors (Secure bank)
            ldr r0, =0x00000000
            mcr p15, 0, r0, c12, c0, 0
            b finish
        back_to_svc:
            bx lr
            .ltorg
            .balign 32
        monitor_vectors:
            b .
            b .
            b monitor_smc
            b .
            b .
            b .
            b .
            b .
        monitor_smc:
            mrc p15, 0, r1, c1, c1, 0
            mrc p15, 0, r2, c13, c0, 4
            mrs r3, spsr
            rec 5, r1, r2, r3
            bic r0, r1, #1
            mcr p15, 0, r0, c1, c1, 0
            mrc p15, 0, r2, c13, c0, 4
            mrc p15, 0, r3, c3, c0, 0
            mrs r4, cpsr
            rec 5, r2, r3, r4
            mov r5, lr
            rec 5, r5, r5, r5
            cmp r7, #0
            orreq r0, r0, #1
            mcreq p15, 0, r0, c1, c1, 0
            movs pc, lr
            .ltorg
        """);

    /// <summary>SCTLR.EE: translation tables read big-endian, exceptions entered with CPSR.E set.</summary>
    public static TestProgram ExceptionEndianness => Make("exception-endianness", """
            ldr r4, =0x00100000
            ldr r0, =0x11223344
            str r0, [r4]
            ldr r0, =0x00600000
            mov r1, #0
            ldr r2, =0x00604000
        1:  str r1, [r0], #4
            cmp r0, r2
            bne 1b
            @ identity sections, stored big-endian (SCTLR.EE = 1 makes the walk read them so)
            ldr r0, =0x00600000
            mov r1, #0
        1:  mov r2, r1, lsl #20
            orr r2, r2, #0xc00
            orr r2, r2, #0x2
            rev r2, r2
            str r2, [r0, r1, lsl #2]
            add r1, r1, #1
            cmp r1, #16
            bne 1b
            ldr r0, =0x00600000 + (0x10000000 >> 18)
            ldr r1, =0x00100c02
            rev r1, r1
            str r1, [r0]
            ldr r0, =0x00600000
            mcr p15, 0, r0, c2, c0, 0
            mov r0, #1
            mcr p15, 0, r0, c3, c0, 0
            mov r0, #0
            mcr p15, 0, r0, c8, c7, 0
            mrc p15, 0, r0, c1, c0, 0
            orr r0, r0, #0x2000000
            orr r0, r0, #0x800000
            orr r0, r0, #1
            mcr p15, 0, r0, c1, c0, 0
            ldr r0, =0x10000000
            ldr r1, [r0]
            mrs r2, cpsr
            mov r3, #0
            rec 1, r1, r2, r3
            @ an exception taken with EE set runs big-endian
            ldr r0, =0x24
            ldr r1, =ee_und
            rev r1, r1
            str r1, [r0]
            .word 0xe7f000f0
            mrs r2, cpsr
            ldr r0, =0x10000000
            ldr r1, [r0]
            rec 2, r1, r2, r2
            mrc p15, 0, r0, c1, c0, 0
            bic r0, r0, #0x2000000
            bic r0, r0, #1
            mcr p15, 0, r0, c1, c0, 0
            b finish
        ee_und:
            mrs r12, cpsr
            setend le
            str r12, [r11], #4
            mrs r12, spsr
            str r12, [r11], #4
            str lr, [r11], #4
            str lr, [r11], #4
            movs pc, lr
            .ltorg
        """);

    /// <summary>MCRR p15 block cache operations (ARM1136/ARM1176) from SVC and User mode; MRRC is UNDEFINED.</summary>
    public static TestProgram CacheBlockOps => Make("cache-block-ops", """
            mov r0, #0x1000
            mov r1, #0x2000
            mov r2, #1
            mcrr p15, 0, r1, r0, c5
            mcrr p15, 0, r1, r0, c6
            mcrr p15, 0, r1, r0, c12
            mcrr p15, 1, r1, r0, c12
            mcrr p15, 2, r1, r0, c12
            mcrr p15, 0, r1, r0, c14
            mcrr p15, 3, r1, r0, c12
            mcrr p15, 0, r1, r0, c7
            mrrc p15, 0, r1, r0, c12
            rec 1, r0, r1, r2
            ldr r0, =0x00000028
            ldr r1, =back_to_svc
            str r1, [r0]
            cps #0x10
            mcrr p15, 0, r1, r0, c5
            mcrr p15, 0, r1, r0, c12
            mcrr p15, 2, r1, r0, c12
            mcrr p15, 0, r1, r0, c14
            svc #0
            rec 2, r0, r1, r2
            b finish
        back_to_svc:
            bx lr
            .ltorg
        """);

    public static IEnumerable<TestProgram> All => [Exclusives, Endianness, ExceptionEndianness, ProcessorState, Alignment, Mmu, CacheBlockOps];
}
