namespace Cloister.Differential.Tests.Generator.Vfp;

/// <summary>
/// The frame's additions on a target with VFP. Prologue: grant cp10/cp11 in the CPACR, set FPEXC.EN,
/// load D0-D15 and the FPSCR from the initial table. Epilogue: save the FPSCR and D0-D15 right after the
/// core registers, and print them after the CPSR line as
/// <c>S &lt;s0&gt; ... &lt;s31&gt;</c> and <c>FPSCR &lt;fpscr&gt;</c>. The ARM926 frame stays byte for byte as it was.
/// </summary>
public static class VfpTemplate
{
    public const string Prologue = """

            mrc p15, 0, r0, c1, c0, 2       @ CPACR: full access to cp10 and cp11
            orr r0, r0, #0x00F00000
            mcr p15, 0, r0, c1, c0, 2
            mov r0, #0
            mcr p15, 0, r0, c7, c5, 4       @ flush the prefetch buffer, so the new CPACR applies
            mov r0, #0x40000000             @ FPEXC.EN
            vmsr fpexc, r0
            ldr r0, .Lp_vfp
            vldmia r0!, {d0-d15}
            ldr r0, [r0]
            vmsr fpscr, r0
            b 9f
        .Lp_vfp: .word .Linitial_vfp
        9:
        """;

    const string SaveAnchor = "    str r1, [r0, #60]\n";
    const string Save = """
            vmrs r1, fpscr
            ldr r0, .Lsave_vfp_address
            vstmia r0!, {d0-d15}
            str r1, [r0]

        """;

    const string AreaAnchor = ".Lsave_address: .word .Lsave\n";
    const string Area = """
        .Lsave_vfp: .space 132
        .Lsave_vfp_address: .word .Lsave_vfp

        """;

    const string PrintAnchor = "    ldr r1, [r6]\n    bl .Lhex32\n";
    const string Print = """
            ldr r0, =.Ltext_s
            bl .Lputs
            ldr r6, .Lsave_vfp_address
            mov r7, #32
        8:  mov r0, #' '
            strb r0, [r4], #1
            ldr r1, [r6], #4
            bl .Lhex32
            subs r7, r7, #1
            bne 8b
            ldr r0, =.Ltext_fpscr
            bl .Lputs
            ldr r1, [r6]
            bl .Lhex32

        """;

    const string TextAnchor = ".Ltext_cpsr: .asciz \"\\nCPSR \"\n";
    const string Text = """
        .Ltext_s: .asciz "\nS"
        .Ltext_fpscr: .asciz "\nFPSCR "

        """;

    /// <summary>The ARM926 epilogue with the VFP save, area, printing and texts inserted after their anchors.
    /// The inserted code moves the texts out of ADR's reach, so the texts are addressed through a literal pool.</summary>
    public static string AddTo(string epilogue) => epilogue
        .InsertAfter(SaveAnchor, Save)
        .InsertAfter(AreaAnchor, Area)
        .InsertAfter(PrintAnchor, Print)
        .InsertAfter(TextAnchor, Text)
        .Replace("adr r0, .Ltext_", "ldr r0, =.Ltext_", StringComparison.Ordinal)
        + "    .ltorg\n";

    static string InsertAfter(this string text, string anchor, string addition)
    {
        int at = text.IndexOf(anchor, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(anchor, at + 1, StringComparison.Ordinal) >= 0)
            throw new InvalidOperationException($"the epilogue must hold the anchor exactly once: {anchor}");
        return text.Insert(at + anchor.Length, addition);
    }
}
