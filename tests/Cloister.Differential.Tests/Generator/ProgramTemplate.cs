using System.Text;
using Cloister.Differential.Tests.Generator.Vfp;

namespace Cloister.Differential.Tests.Generator;

/// <summary>
/// The fixed frame around the random block. Prologue: copy the initial fill into the buffer, set NZCVQ
/// with MSR, load r1-r14 with one LDM, enter the block (Thumb blocks with BX) and load r0 last, with an
/// instruction that leaves the flags alone. Epilogue (ARM state, SVC mode): save r0-r14 and the CPSR before
/// anything else changes them, format them and the whole buffer as text, write it with one semihosting
/// SYS_WRITE0 and stop with SYS_EXIT (ADP_Stopped_ApplicationExit, so QEMU's exit status is 0).
/// </summary>
public static class ProgramTemplate
{
    public const string BeginMarker = "CLOISTER-DIFF-BEGIN";
    public const string EndMarker = "CLOISTER-DIFF-END";

    public sealed record Parts(string Title, InstructionSet Isa, uint[] Registers, uint Flags, uint[] Fill, IReadOnlyList<string> Body,
        VfpState? Vfp = null, bool UnalignedAccesses = false);

    /// <summary>ARMv6: SCTLR.U = 1, so unaligned word and halfword accesses are architected (GeneratorOptions.UnalignedAccesses).</summary>
    const string UnalignedPrologue = """

            mrc p15, 0, r0, c1, c0, 0
            orr r0, r0, #0x00400000         @ SCTLR.U
            mcr p15, 0, r0, c1, c0, 0
        """;

    public static string Render(Parts p)
    {
        var s = new StringBuilder();
        s.Append($$"""
            @ {{p.Title}}
                .syntax unified
                .text
                .arm
                .global _start
            _start:{{(p.UnalignedAccesses ? UnalignedPrologue : "")}}{{(p.Vfp is null ? "" : VfpTemplate.Prologue)}}
                ldr r0, .Lp_buffer
                ldr r1, .Lp_fill
                mov r2, #{{Layout.BufferSize / 4}}
            1:  ldr r3, [r1], #4
                str r3, [r0], #4
                subs r2, r2, #1
                bne 1b
                msr cpsr_f, #0x{{p.Flags:x8}}
                ldr r0, .Lp_registers
                ldmib r0, {r1-r14}
            {{(p.Isa == InstructionSet.Thumb ? ThumbEntry(p.Registers[0]) : ArmEntry())}}
            .Lbody:
            @ ---- random block begins ----

            """);
        foreach (var line in p.Body) s.Append(line).Append('\n');
        s.Append("@ ---- random block ends ----\n");
        if (p.Isa == InstructionSet.Thumb)
        {
            // BX PC from a word-aligned address switches to ARM at address + 4 without touching a register.
            s.Append("    .balign 4\n    bx pc\n    nop\n    .arm\n");
        }
        s.Append(p.Vfp is null ? Epilogue : VfpTemplate.AddTo(Epilogue));
        s.Append("    .balign 4\n.Linitial_registers:\n");
        AppendWords(s, p.Registers);
        if (p.Vfp is not null)
        {
            s.Append(".Linitial_vfp:\n");
            AppendWords(s, [.. p.Vfp.Singles, p.Vfp.Fpscr]);
        }
        s.Append(".Linitial_fill:\n");
        AppendWords(s, p.Fill);
        return s.ToString();
    }

    /// <summary>ARM: r0 last, from the register table it pointed at.</summary>
    static string ArmEntry() => $$"""
            ldr r0, [r0]
            b .Lbody
        {{Literals}}
        """;

    /// <summary>Thumb: BX into Thumb state, then r0 from a literal (Thumb's LDR (literal) leaves the flags
    /// alone; the register table is out of its 1 KiB forward reach).</summary>
    static string ThumbEntry(uint r0) => $$"""
            ldr r0, .Lp_entry
            bx r0
        {{Literals}}
        .Lp_entry: .word .Lthumb_entry + 1
            .thumb
        .Lthumb_entry:
            ldr r0, .Lp_r0
            b .Lbody
            .balign 4
        .Lp_r0: .word 0x{{r0:x8}}
        """;

    static readonly string Literals = $"""
        .Lp_buffer: .word 0x{Layout.BufferAddress:x8}
        .Lp_fill: .word .Linitial_fill
        .Lp_registers: .word .Linitial_registers
        """;

    internal static void AppendWords(StringBuilder s, uint[] words)
    {
        for (int i = 0; i < words.Length; i += 8)
            s.Append("    .word ").AppendJoin(", ", words.Skip(i).Take(8).Select(w => $"0x{w:x8}")).Append('\n');
    }

    static readonly string Epilogue = $$"""
        .Lepilogue:
            str r0, .Lsave                  @ PC-relative: no register is free yet
            ldr r0, .Lsave_address
            stmib r0, {r1-r14}              @ r1-r14 at .Lsave + 4 ...
            mrs r1, cpsr
            str r1, [r0, #60]
            b .Ldump
        .Lsave: .space 64
        .Lsave_address: .word .Lsave
        .Ldump:
            ldr r4, .Lout_address           @ r4: output cursor
            adr r0, .Ltext_begin
            bl .Lputs
            ldr r6, .Lsave_address
            mov r7, #15
        1:  mov r0, #' '
            strb r0, [r4], #1
            ldr r1, [r6], #4
            bl .Lhex32
            subs r7, r7, #1
            bne 1b
            adr r0, .Ltext_cpsr
            bl .Lputs
            ldr r1, [r6]
            bl .Lhex32
            mov r0, #'\n'
            strb r0, [r4], #1
            ldr r6, .Lbuffer_address
            mov r8, #0                      @ r8: offset in the buffer
        2:  mov r0, #'M'
            strb r0, [r4], #1
            mov r0, #' '
            strb r0, [r4], #1
            mov r1, r8
            bl .Lhex32
            mov r0, #' '
            strb r0, [r4], #1
            mov r7, #32
        3:  ldrb r1, [r6, r8]
            bl .Lhex8
            add r8, r8, #1
            subs r7, r7, #1
            bne 3b
            mov r0, #'\n'
            strb r0, [r4], #1
            cmp r8, #{{Layout.BufferSize}}
            blo 2b
            adr r0, .Ltext_end
            bl .Lputs
            mov r0, #0
            strb r0, [r4]
            mov r0, #4                      @ SYS_WRITE0
            ldr r1, .Lout_address
            svc 0x123456
            mov r0, #0x18                   @ SYS_EXIT
            ldr r1, .Lexit_reason
            svc 0x123456
        4:  b 4b
        @ .Lputs: copy the string at r0 to the cursor
        .Lputs:
            ldrb r1, [r0], #1
            cmp r1, #0
            strbne r1, [r4], #1
            bne .Lputs
            bx lr
        @ .Lhex32 / .Lhex8: r1 as 8 / 2 lowercase hex digits at the cursor
        .Lhex32:
            mov r2, #8
            b .Lhexdigits
        .Lhex8:
            mov r1, r1, lsl #24
            mov r2, #2
        .Lhexdigits:
            mov r1, r1, ror #28
            and r3, r1, #15
            cmp r3, #10
            addlo r3, r3, #'0'
            addhs r3, r3, #'a' - 10
            strb r3, [r4], #1
            subs r2, r2, #1
            bne .Lhexdigits
            bx lr
        .Lout_address: .word 0x{{Layout.OutputAddress:x8}}
        .Lbuffer_address: .word 0x{{Layout.BufferAddress:x8}}
        .Lexit_reason: .word 0x20026          @ ADP_Stopped_ApplicationExit
        .Ltext_begin: .asciz "{{BeginMarker}}\nR"
        .Ltext_cpsr: .asciz "\nCPSR "
        .Ltext_end: .asciz "{{EndMarker}}\n"

        """;
}
