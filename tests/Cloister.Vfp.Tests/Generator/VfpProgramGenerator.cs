using System.Text;

namespace Cloister.Vfp.Tests.Generator;

/// <summary>What kinds of case a program is made of.</summary>
public enum CaseMix { Scalar, Vector, Transfer, Encoding, System }

/// <summary>
/// Generates a seeded assembly program of VFP test cases. The program enables VFP, prints a
/// header (FPSID, FPEXC, FPSCR after writing all ones), then for each case loads S0–S31 with
/// FLDMIAS, sets FPSCR, runs the case and stores the dump words; at the end it prints every word
/// as hex over semihosting and exits.
/// </summary>
public sealed class VfpProgramGenerator
{
    public const int HeaderWords = 3;
    const uint ResultBase = 0x00100000, TextBase = 0x00800000, Scratch = 0x00F00000;

    readonly Random rng;
    readonly OperandPool pool;
    readonly bool v6;

    public VfpProgramGenerator(int seed, bool v6Core)
    {
        rng = new Random(seed);
        pool = new OperandPool(rng);
        v6 = v6Core;
    }

    public (string Source, IReadOnlyList<VfpCase> Cases) Generate(int count, CaseMix mix)
    {
        var cases = new List<VfpCase>();
        for (int i = 0; i < count; i++)
            cases.Add(mix switch
            {
                CaseMix.Scalar => ScalarCase(i),
                CaseMix.Vector => VectorCase(i),
                CaseMix.Encoding => EncodingCase(i),
                CaseMix.System => SystemCase(i),
                _ => TransferCase(i),
            });
        return (Render(cases), cases);
    }

    uint RandomFpscr(bool vector)
    {
        uint rmode = (uint)rng.Next(4);
        uint fz = rng.Next(3) == 0 ? 1u : 0;
        uint dn = rng.Next(4) == 0 ? 1u : 0;
        uint flags = rng.Next(8) == 0 ? (uint)rng.Next(256) & 0x9F : 0; // sometimes start with flags set
        uint nzcv = (uint)rng.Next(16);
        uint value = (nzcv << 28) | (dn << 25) | (fz << 24) | (rmode << 22) | flags;
        if (vector)
        {
            uint len = (uint)rng.Next(1, 8);
            uint stride = rng.Next(4) == 0 ? (uint)rng.Next(1, 3) : rng.Next(2) == 0 ? 0u : 3u;
            value |= (len << 16) | (stride << 20);
        }
        return value;
    }

    uint[] Registers(bool dbl)
    {
        var regs = new uint[32];
        // Some registers are derived from others, so that operands are close (cancellation, ties).
        if (dbl)
        {
            var d = new ulong[16];
            for (int i = 0; i < 16; i++)
                d[i] = i > 0 && rng.Next(3) == 0 ? pool.Near(d[rng.Next(i)], FloatShape.Double) : pool.Double();
            for (int i = 0; i < 16; i++) { regs[2 * i] = (uint)d[i]; regs[2 * i + 1] = (uint)(d[i] >> 32); }
        }
        else
        {
            for (int i = 0; i < 32; i++)
                regs[i] = i > 0 && rng.Next(3) == 0 ? (uint)pool.Near(regs[rng.Next(i)], FloatShape.Single) : pool.Single();
        }
        return regs;
    }

    static readonly string[] ThreeOp = ["fadd", "fsub", "fmul", "fnmul", "fdiv", "fmac", "fnmac", "fmsc", "fnmsc"];
    static readonly string[] TwoOp = ["fcpy", "fabs", "fneg", "fsqrt"];

    string S() => $"s{rng.Next(32)}";
    string D() => $"d{rng.Next(16)}";

    VfpCase ScalarCase(int index)
    {
        bool dbl = rng.Next(2) == 0;
        string p = dbl ? "d" : "s";
        string R() => dbl ? D() : S();
        uint[] regs;
        string insn;
        int kind = rng.Next(10);
        if (kind < 5)
        {
            regs = Registers(dbl);
            insn = $"{ThreeOp[rng.Next(ThreeOp.Length)]}{p} {R()}, {R()}, {R()}";
        }
        else if (kind < 6)
        {
            regs = Registers(dbl);
            insn = $"{TwoOp[rng.Next(TwoOp.Length)]}{p} {R()}, {R()}";
        }
        else if (kind < 7)
        {
            regs = Registers(dbl);
            string e = rng.Next(2) == 0 ? "e" : "";
            insn = rng.Next(3) == 0 ? $"fcmp{e}z{p} {R()}" : $"fcmp{e}{p} {R()}, {R()}";
        }
        else if (kind < 8)
        {
            // FCVTDS reads singles, FCVTSD doubles.
            regs = Registers(dbl);
            insn = dbl ? $"fcvtsd {S()}, {D()}" : $"fcvtds {D()}, {S()}";
        }
        else if (kind < 9)
        {
            regs = Enumerable.Range(0, 32).Select(_ => pool.Integer()).ToArray();
            insn = $"f{(rng.Next(2) == 0 ? "s" : "u")}ito{p} {R()}, {S()}";
        }
        else
        {
            regs = Registers(dbl);
            insn = $"fto{(rng.Next(2) == 0 ? "s" : "u")}i{(rng.Next(2) == 0 ? "z" : "")}{p} {S()}, {R()}";
        }
        return new VfpCase(index, RandomFpscr(vector: false), regs, [insn]);
    }

    VfpCase VectorCase(int index)
    {
        bool dbl = rng.Next(2) == 0;
        string p = dbl ? "d" : "s";
        string R() => dbl ? D() : S();
        string insn = rng.Next(4) == 0
            ? $"{TwoOp[rng.Next(TwoOp.Length)]}{p} {R()}, {R()}"
            : $"{ThreeOp[rng.Next(ThreeOp.Length)]}{p} {R()}, {R()}, {R()}";
        return new VfpCase(index, RandomFpscr(vector: true), Registers(dbl), [insn]);
    }

    VfpCase TransferCase(int index)
    {
        var body = new List<string>();
        for (int r = 5; r <= 11; r++) body.Add($"ldr r{r}, =0x{pool.Integer() ^ (uint)rng.Next():x8}");
        body.Add("ldr r0, =data_" + index);
        body.Add($"ldr r1, ={Scratch}");
        // ARMv6: sometimes with big-endian data (a double's high word is then at the lower address).
        bool bigEndian = v6 && rng.Next(2) == 0;
        if (bigEndian) body.Add("setend be");
        int n = rng.Next(4, 10);
        for (int i = 0; i < n; i++)
        {
            int s2 = rng.Next(31);
            string Core() => $"r{rng.Next(5, 12)}";
            body.Add(rng.Next(14) switch
            {
                0 => $"fmsr {S()}, {Core()}",
                1 => $"fmrs {Core()}, {S()}",
                2 => $"fmdlr {D()}, {Core()}",
                3 => $"fmdhr {D()}, {Core()}",
                4 => $"fmrdl {Core()}, {D()}",
                5 => $"fmrdh {Core()}, {D()}",
                6 => $"fmsrr {{s{s2}, s{s2 + 1}}}, r5, r6",
                7 => $"fmrrs r7, r8, {{s{s2}, s{s2 + 1}}}",
                8 => $"fmdrr {D()}, r9, r10",
                9 => $"fmrrd r10, r11, {D()}",
                10 => $"flds {S()}, [r0, #{(rng.Next(2) == 0 ? "-" : "")}{4 * rng.Next(32)}]",
                11 => $"fldd {D()}, [r0, #{4 * rng.Next(31)}]",
                12 => "fmrx r9, fpscr",
                _ => $"fmxr fpscr, {Core()}",
            });
        }
        // Stores to the scratch area, including multiple stores with write-back, then read back.
        int a = rng.Next(1, 28), cnt = rng.Next(1, 5), dfirst = rng.Next(0, 14), dcnt = rng.Next(1, 3);
        body.Add($"fsts {S()}, [r1, #4]");
        body.Add($"fstd {D()}, [r1, #8]");
        body.Add("add r1, r1, #16");
        body.Add($"fstmias r1!, {RegList("s", a, cnt)}");
        body.Add($"add r1, r1, #{8 * dcnt + 8}");
        body.Add($"fstmdbd r1!, {RegList("d", dfirst, dcnt)}");
        body.Add("mov r2, r1");
        if (bigEndian) body.Add("setend le");
        body.Add($"ldr r1, ={Scratch}");
        body.Add("ldmia r1, {r5-r10}");
        body.Add("sub r11, r2, r1");
        body.Add($"fldmdbs r2!, {RegList("s", a, cnt)}");
        body.Add("add r11, r11, r2");
        return new VfpCase(index, RandomFpscr(vector: false) & 0xF0C0009F, Registers(rng.Next(2) == 0), body);
    }

    /// <summary>A random encoding in the cp10/cp11 spaces (CDP, MCR/MRC, LDC/STC, MCRR/MRRC), run
    /// once with VFP enabled or, sometimes, disabled. The UNDEF handler counts in r11 (data aborts
    /// add 0x100: the base is sometimes misaligned), so the dump
    /// shows whether it was UNDEFINED and what it did otherwise. Core register fields are kept to
    /// r5–r10 and the base register to r0 (the case's data), so no encoding can break the program.</summary>
    VfpCase EncodingCase(int index)
    {
        uint raw = 0xE0000000u | ((uint)rng.Next() & 0x0FFFFFFF);
        raw = (raw & ~0xE00u) | 0xA00u; // coprocessor 10 or 11
        uint core() => (uint)rng.Next(5, 11);
        switch (rng.Next(4))
        {
            case 0:
                raw = (raw & ~0x0F000010u) | 0x0E000000u; // CDP
                if (rng.Next(2) == 0) raw &= ~0x004000A0u; // D, N, M clear: double registers below D16
                if (rng.Next(2) == 0) raw |= 0x00B00040u; // the extension space (FCPY ... FTOSI)
                break;
            case 1:
                raw = (raw & ~0x0F00F000u) | 0x0E000010u | (core() << 12); // MCR/MRC
                if (rng.Next(2) == 0) raw = (raw & ~0x00E0006Fu) | (rng.Next(2) == 0 ? 0u : 0x00E00000u); // FMSR/FMRS, FMXR/FMRX shapes
                break;
            case 2:
                raw = (raw & ~0x0E0F0000u) | 0x0C000000u; // LDC/STC, base r0
                if (rng.Next(2) == 0) raw = (raw & ~0xFFu) | (uint)rng.Next(0, 9); // short transfers
                break;
            default: raw = (raw & ~0x0FEFF000u) | 0x0C400000u | (core() << 16) | (core() << 12); break; // MCRR/MRRC
        }
        var body = new List<string> { "ldr r0, =data_" + index, "mov r11, #0" };
        if (rng.Next(8) == 0) body.Add($"add r0, r0, #{rng.Next(1, 4)}"); // misaligned: VFP transfers fault
        if (rng.Next(5) == 0) body.AddRange(["mov r1, #0", "fmxr fpexc, r1"]);
        body.Add($".word 0x{raw:x8}");
        body.AddRange(["mov r1, #0x40000000", "fmxr fpexc, r1"]);
        return new VfpCase(index, RandomFpscr(vector: rng.Next(3) == 0), Registers(rng.Next(2) == 0), body);
    }

    /// <summary>FMRX/FMXR of every system register number, from User mode (back to SVC through an
    /// SVC whose handler just returns) or privileged, sometimes with FPEXC.EN cleared or (ARMv6)
    /// CPACR denying access, mixed with an ordinary VFP instruction; UNDEFs are counted in r11.</summary>
    VfpCase SystemCase(int index)
    {
        var body = new List<string> { "mov r11, #0" };
        for (int r = 5; r <= 10; r++) body.Add($"ldr r{r}, =0x{(uint)rng.Next() ^ (rng.Next(2) == 0 ? 0x40000000u : 0):x8}");
        if (v6 && rng.Next(3) == 0)
            body.AddRange(["mrc p15, 0, r1, c1, c0, 2", "bic r1, r1, #0x00F00000", $"orr r1, r1, #0x{(uint)rng.Next(16) << 20:x8}", "mcr p15, 0, r1, c1, c0, 2"]);
        bool user = rng.Next(2) == 0;
        if (user) body.Add("msr cpsr_c, #0xD0");
        int n = rng.Next(2, 6);
        int[] regs = [0, 1, 5, 6, 7, 8, 9, 10];
        for (int i = 0; i < n; i++)
        {
            uint reg = rng.Next(4) == 0 ? (uint)rng.Next(16) : (uint)regs[rng.Next(regs.Length)];
            uint rt = (uint)rng.Next(5, 11);
            body.Add(rng.Next(5) switch
            {
                0 or 1 => $".word 0x{0xEEF00A10u | (reg << 16) | (rt << 12):x8}   @ vmrs r{rt}, reg {reg}",
                2 => $".word 0x{0xEEE00A10u | (reg << 16) | (rt << 12):x8}   @ vmsr reg {reg}, r{rt}",
                3 => "fmstat",
                _ => $"fadds {S()}, {S()}, {S()}",
            });
        }
        if (user) body.Add("svc #1");
        body.AddRange(["mov r1, #0x40000000", "fmxr fpexc, r1"]);
        if (v6) body.AddRange(["mrc p15, 0, r1, c1, c0, 2", "orr r1, r1, #0x00F00000", "mcr p15, 0, r1, c1, c0, 2"]);
        return new VfpCase(index, RandomFpscr(vector: false), Registers(false), body);
    }

    static string RegList(string bank, int first, int count) =>
        count == 1 ? $"{{{bank}{first}}}" : $"{{{bank}{first}-{bank}{first + count - 1}}}";

    string Render(IReadOnlyList<VfpCase> cases)
    {
        var s = new StringBuilder();
        s.Append("""
            .syntax unified
            .arm
            .fpu vfp
            .text
            .global _start
        _start:
            ldr sp, =0x00080000

        """);
        if (v6)
            s.Append("""
                mrc p15, 0, r0, c1, c0, 2
                orr r0, r0, #0x00F00000
                mcr p15, 0, r0, c1, c0, 2

            """);
        s.Append($"""
                mov r0, #0
                ldr r1, =0xE59FF018
                str r1, [r0, #4]
                ldr r1, =undef_handler
                str r1, [r0, #0x24]
                ldr r1, =0xE59FF018
                str r1, [r0, #8]
                ldr r1, =svc_handler
                str r1, [r0, #0x28]
                ldr r1, =0xE59FF018
                str r1, [r0, #0x10]
                ldr r1, =abort_handler
                str r1, [r0, #0x30]
                mov r0, #0x40000000
                fmxr fpexc, r0
                ldr r4, ={ResultBase}
                fmrx r0, fpsid
                str r0, [r4], #4
                fmrx r0, fpexc
                str r0, [r4], #4
                mvn r0, #0
                fmxr fpscr, r0
                fmrx r0, fpscr
                str r0, [r4], #4
                b case_0
            undef_handler:
                add r11, r11, #1
                movs pc, lr
            svc_handler:
                bx lr
            abort_handler:
                add r11, r11, #0x100
                subs pc, lr, #4
                .ltorg

            """);
        foreach (var c in cases)
        {
            s.Append($"case_{c.Index}:\n");
            s.Append($"    ldr r0, =data_{c.Index}\n");
            s.Append("    fldmias r0, {s0-s31}\n");
            s.Append($"    ldr r0, =0x{c.Fpscr:x8}\n");
            s.Append("    fmxr fpscr, r0\n");
            foreach (var line in c.Body) s.Append("    ").Append(line).Append('\n');
            s.Append("""
                    fmrx r0, fpscr
                    str r0, [r4], #4
                    fmstat
                    mrs r0, cpsr
                    and r0, r0, #0xF0000000
                    str r0, [r4], #4
                    fstmias r4!, {s0-s31}
                    stmia r4!, {r5-r11}

                """);
            s.Append($"    b case_{c.Index + 1}\n    .ltorg\n");
        }
        s.Append($"case_{cases.Count}:\n");
        s.Append($"""
                mov r5, r4
                ldr r4, ={ResultBase}
                ldr r6, ={TextBase}
                mov r7, #0
            1:  cmp r4, r5
                bhs 3f
                ldr r0, [r4], #4
                mov r2, #8
            2:  mov r1, r0, lsr #28
                cmp r1, #10
                addlo r1, r1, #48
                addhs r1, r1, #87
                strb r1, [r6], #1
                mov r0, r0, lsl #4
                subs r2, r2, #1
                bne 2b
                mov r1, #10
                strb r1, [r6], #1
                add r7, r7, #1
                cmp r7, #256
                blo 1b
                bl flush
                b 1b
            3:  bl flush
                mov r0, #0x18
                ldr r1, =0x20026
                svc 0x123456
            4:  b 4b
            @ Prints the text so far with SYS_WRITE0, in pieces of 256 lines (2.3 KB).
            flush:
                mov r1, #0
                strb r1, [r6]
                mov r0, #4
                ldr r1, ={TextBase}
                svc 0x123456
                ldr r6, ={TextBase}
                mov r7, #0
                bx lr
                .ltorg
                .align 3

            """);
        foreach (var c in cases)
        {
            s.Append($"data_{c.Index}:\n");
            for (int i = 0; i < 32; i += 8)
                s.Append("    .word ").Append(string.Join(", ", c.InitialRegisters.Skip(i).Take(8).Select(v => $"0x{v:x8}"))).Append('\n');
        }
        return s.ToString();
    }
}
