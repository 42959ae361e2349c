using System.Text;

namespace Cloister.ArmV6.Tests.Programs;

/// <summary>
/// The assembly frame every ARMv6 test program shares. The prologue copies a vector table to address 0
/// (handlers are <c>ldr pc</c> through a table, so a program may replace one by storing to
/// <c>HANDLERS + 4 * vector</c>), gives every mode a stack and jumps to <c>main</c> in SVC mode. The default
/// undefined/abort handlers append a 7-word record (vector, lr, spsr, DFSR, DFAR, IFSR, IFAR) to the trap
/// log and resume at <c>RESUME</c> when a program set it (cleared when used), else after the instruction.
/// <c>dump</c> prints the result area (<c>OUT</c>, r0 words, r1 words per line) and the trap log in hex
/// between the markers over semihosting, then exits with SYS_EXIT.
/// </summary>
public static class Frame
{
    public const uint Out = 0x00200000;
    public const uint TrapLog = 0x00280000;
    public const uint TrapCursor = 0x0027FFF0;
    public const uint Resume = 0x0027FFF4;
    /// <summary>Handler addresses the vectors at 0 jump through (ldr pc, [pc, #0x18]).</summary>
    public const uint Handlers = 0x20;
    public const uint Text = 0x00300000;

    public static string Wrap(string body, bool readIfar = true)
    {
        var s = new StringBuilder();
        s.Append($$"""
                .syntax unified
                .text
                .arm
                .global _start
                @ rec tag, a, b, c: append a 4-word record {tag, a, b, c} at r11 (r12 is scratch)
                .macro rec tag, a, b, c
                mov r12, #\tag
                str r12, [r11], #4
                str \a, [r11], #4
                str \b, [r11], #4
                str \c, [r11], #4
                .endm
            _start:
                mov r0, #0
                adr r1, .Lvectors
                mov r2, #8
            1:  ldr r3, [r1], #4
                str r3, [r0], #4
                subs r2, r2, #1
                bne 1b
                ldr r0, =0x{{TrapCursor:x8}}
                ldr r1, =0x{{TrapLog:x8}}
                str r1, [r0]
                mov r1, #0
                str r1, [r0, #4]
                msr cpsr_c, #0xd1
                ldr sp, =0x00510000
                msr cpsr_c, #0xd2
                ldr sp, =0x00520000
                msr cpsr_c, #0xd7
                ldr sp, =0x00530000
                msr cpsr_c, #0xdb
                ldr sp, =0x00540000
                msr cpsr_c, #0xdf
                ldr sp, =0x00550000
                msr cpsr_c, #0xd3
                ldr sp, =0x00560000
                b main
            .Lvectors:
                ldr pc, .Lv0
                ldr pc, .Lv1
                ldr pc, .Lv2
                ldr pc, .Lv3
                ldr pc, .Lv4
                ldr pc, .Lv5
                ldr pc, .Lv6
                ldr pc, .Lv7
            .Lv0: .word 0, 0, 0, 0, 0, 0, 0, 0
            .Lv1 = .Lv0 + 4
            .Lv2 = .Lv0 + 8
            .Lv3 = .Lv0 + 12
            .Lv4 = .Lv0 + 16
            .Lv5 = .Lv0 + 20
            .Lv6 = .Lv0 + 24
            .Lv7 = .Lv0 + 28
            .ltorg

            """);
        s.Append($$"""
            trap_und:
                stmfd sp!, {r0-r3}
                mov r0, #1
                b trap_common
            trap_pabt:
                stmfd sp!, {r0-r3}
                mov r0, #3
                b trap_common
            trap_dabt:
                stmfd sp!, {r0-r3}
                mov r0, #4
                b trap_common
            trap_other:
                stmfd sp!, {r0-r3}
                mov r0, #9
            trap_common:
                ldr r1, =0x{{TrapCursor:x8}}
                ldr r2, [r1]
                str r0, [r2], #4
                str lr, [r2], #4
                mrs r3, spsr
                str r3, [r2], #4
                mrc p15, 0, r3, c5, c0, 0
                str r3, [r2], #4
                mrc p15, 0, r3, c6, c0, 0
                str r3, [r2], #4
                mrc p15, 0, r3, c5, c0, 1
                str r3, [r2], #4
                {{(readIfar ? "mrc p15, 0, r3, c6, c0, 2" : "mov r3, #0")}}
                str r3, [r2], #4
                str r2, [r1]
                ldr r3, [r1, #4]
                cmp r3, #0
                beq 2f
                mov lr, r3
                mov r3, #0
                str r3, [r1, #4]
                ldmfd sp!, {r0-r3}
                movs pc, lr
            2:  cmp r0, #4
                subeq lr, lr, #4
                ldmfd sp!, {r0-r3}
                movs pc, lr
            .ltorg

            @ dump: r0 = words of OUT to print, r1 = words per line; then the trap log, 7 words per line.
            dump:
                msr cpsr_c, #0xd3
                setend le
                mov r9, r0
                mov r10, r1
                ldr r4, =0x{{Text:x8}}
                adr r0, .Ltext_begin
                bl .Lputs
                ldr r6, =0x{{Out:x8}}
                bl .Lwords
                ldr r1, =0x{{TrapCursor:x8}}
                ldr r1, [r1]
                ldr r6, =0x{{TrapLog:x8}}
                sub r9, r1, r6
                mov r9, r9, lsr #2
                mov r10, #7
                adr r0, .Ltext_traps
                bl .Lputs
                bl .Lwords
                adr r0, .Ltext_end
                bl .Lputs
                mov r0, #0
                strb r0, [r4]
                mov r0, #4
                ldr r1, =0x{{Text:x8}}
                svc 0x123456
                mov r0, #0x18
                ldr r1, =0x20026
                svc 0x123456
            3:  b 3b
            @ .Lwords: r9 words from r6, r10 per line
            .Lwords:
                mov r11, lr
                mov r8, #0
            4:  cmp r9, #0
                beq 6f
                ldr r1, [r6], #4
                bl .Lhex32
                sub r9, r9, #1
                add r8, r8, #1
                cmp r8, r10
                moveq r8, #0
                moveq r0, #'\n'
                movne r0, #' '
                strb r0, [r4], #1
                b 4b
            6:  cmp r8, #0
                movne r0, #'\n'
                strbne r0, [r4], #1
                bx r11
            .Lputs:
                ldrb r1, [r0], #1
                cmp r1, #0
                strbne r1, [r4], #1
                bne .Lputs
                bx lr
            .Lhex32:
                mov r2, #8
            5:  mov r1, r1, ror #28
                and r3, r1, #15
                cmp r3, #10
                addlo r3, r3, #'0'
                addhs r3, r3, #'a' - 10
                strb r3, [r4], #1
                subs r2, r2, #1
                bne 5b
                bx lr
            .Ltext_begin: .asciz "V6-BEGIN\n"
            .Ltext_traps: .asciz "TRAPS\n"
            .Ltext_end: .asciz "V6-END\n"
                .balign 4
            .ltorg

            @ finish: dump the records written at r11 (4 words per line), from any mode and state
            finish:
                ldr r0, =0x{{Handlers:x8}}
                ldr r1, =finish_svc
                str r1, [r0, #8]
                svc #2
            finish_svc:
                setend le
                ldr r0, =0x{{Out:x8}}
                sub r0, r11, r0
                mov r0, r0, lsr #2
                mov r1, #4
                b dump
                .ltorg

            main:
                @ point the vectors at the default handlers, then the program's own code
                ldr r0, =0x{{Handlers:x8}}
                ldr r1, =trap_other
                str r1, [r0, #0]
                str r1, [r0, #8]
                str r1, [r0, #20]
                str r1, [r0, #24]
                str r1, [r0, #28]
                ldr r1, =trap_und
                str r1, [r0, #4]
                ldr r1, =trap_pabt
                str r1, [r0, #12]
                ldr r1, =trap_dabt
                str r1, [r0, #16]
                b body
            .ltorg

            """);
        s.Append("body:\n");
        s.Append(body);
        s.Append("\n    .ltorg\n");
        return s.ToString();
    }
}
