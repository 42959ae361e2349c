using System.Text;

namespace Cloister.ArmV6.Tests.Programs;

/// <summary>A generated program: its source, and one label per dumped line (the case it belongs to).</summary>
public sealed record TestProgram(string Name, string Source, IReadOnlyList<string> Labels, int Words, int WordsPerLine);

/// <summary>
/// Seeded random programs for the ARMv6 media and multiply instructions. Every case loads r0-r12 and the
/// flags (NZCVQ and GE) from a table, executes one instruction (conditional at random) and stores r0-r12
/// and the CPSR in the result area.
/// </summary>
public static class MediaGenerator
{
    static readonly string[] Conds = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"];
    static readonly string[] Prefixes = ["s", "q", "sh", "u", "uq", "uh"];
    static readonly string[] ParallelOps = ["add16", "asx", "sax", "sub16", "add8", "sub8"];

    public static TestProgram Generate(int seed, int cases, bool thumbExtras = false)
    {
        var rng = new Random(seed);
        var body = new StringBuilder();
        var labels = new List<string>();
        for (int k = 0; k < cases; k++)
        {
            var regs = new uint[13];
            for (int i = 0; i < 13; i++) regs[i] = Value(rng);
            uint psr = ((uint)rng.Next(32) << 27) | ((uint)rng.Next(16) << 16);
            string insn = Instruction(rng, out bool thumb);
            if (thumb && !thumbExtras) { k--; continue; }
            labels.Add($"# case {k}: {insn} ; psr {psr:x8} regs {string.Join(' ', regs.Select(r => r.ToString("x8")))}");
            body.Append($"    b 1f\n.Ld{k}: .word {string.Join(", ", regs.Select(r => $"0x{r:x8}"))}, 0x{psr:x8}\n");
            body.Append($"1:  adr r13, .Ld{k}\n    ldr r14, [r13, #52]\n    msr cpsr_fs, r14\n    ldm r13, {{r0-r12}}\n");
            if (thumb)
                body.Append($"    adr r14, 2f + 1\n    bx r14\n    .thumb\n2:  {insn}\n    .balign 4\n    bx pc\n    nop\n    .arm\n");
            else
                body.Append($"    {insn}\n");
            body.Append($"    ldr r13, .Lo{k}\n    stm r13, {{r0-r12}}\n    mrs r14, cpsr\n    str r14, [r13, #52]\n    b 3f\n.Lo{k}: .word 0x{Frame.Out + (uint)k * 56:x8}\n3:\n");
        }
        body.Append($"    ldr r0, ={cases * 14}\n    mov r1, #14\n    b dump\n");
        return new TestProgram($"media-{seed}", Frame.Wrap(body.ToString()), labels, cases * 14, 14);
    }

    static uint Value(Random rng) => rng.Next(10) switch
    {
        0 => 0,
        1 => 0xFFFFFFFF,
        2 => Pick(rng, [0x7FFF7FFF, 0x80008000, 0x7FFF8000, 0x80007FFF, 0x7F7F7F7F, 0x80808080, 0xFF00FF00, 0x00FF00FF, 0x7FFFFFFF, 0x80000000]),
        3 => (uint)rng.Next(256),
        4 => (uint)(rng.Next(0x10000)) * 0x10001u,
        5 => (uint)rng.Next(4) * 0x3FFF4000u ^ (uint)rng.Next(0x10000),
        _ => (uint)rng.NextInt64(0, 1L << 32),
    };

    static uint Pick(Random rng, uint[] values) => values[rng.Next(values.Length)];

    static string R(Random rng) => "r" + rng.Next(13);

    static string Cond(Random rng) => rng.Next(4) == 0 ? Conds[rng.Next(Conds.Length)] : "";

    static string Instruction(Random rng, out bool thumb)
    {
        thumb = false;
        string c = Cond(rng);
        string rd = R(rng), rn = R(rng), rm = R(rng), ra = R(rng);
        switch (rng.Next(16))
        {
            case 0: case 1: case 2: case 3:
                return $"{Prefixes[rng.Next(6)]}{ParallelOps[rng.Next(6)]}{c} {rd}, {rn}, {rm}";
            case 4:
                return rng.Next(3) == 0 ? $"usad8{c} {rd}, {rn}, {rm}" : rng.Next(2) == 0 ? $"usada8{c} {rd}, {rn}, {rm}, {ra}" : $"sel{c} {rd}, {rn}, {rm}";
            case 5:
                return rng.Next(2) == 0 ? $"pkhbt{c} {rd}, {rn}, {rm}, lsl #{rng.Next(32)}" : $"pkhtb{c} {rd}, {rn}, {rm}, asr #{1 + rng.Next(32)}";
            case 6: case 7:
            {
                string[] acc = ["sxtab", "sxtab16", "sxtah", "uxtab", "uxtab16", "uxtah"];
                string rot = $", ror #{8 * rng.Next(4)}";
                if (rng.Next(2) == 0) return $"{acc[rng.Next(6)]}{c} {rd}, {rn}, {rm}{rot}";
                string[] ext = ["sxtb", "sxtb16", "sxth", "uxtb", "uxtb16", "uxth"];
                return $"{ext[rng.Next(6)]}{c} {rd}, {rm}{rot}";
            }
            case 8:
            {
                string[] rev = ["rev", "rev16", "revsh"];
                return $"{rev[rng.Next(3)]}{c} {rd}, {rm}";
            }
            case 9: case 10:
            {
                string shift = rng.Next(2) == 0 ? $", lsl #{rng.Next(32)}" : $", asr #{1 + rng.Next(32)}";
                return rng.Next(4) switch
                {
                    0 => $"ssat{c} {rd}, #{1 + rng.Next(32)}, {rn}{shift}",
                    1 => $"usat{c} {rd}, #{rng.Next(32)}, {rn}{shift}",
                    2 => $"ssat16{c} {rd}, #{1 + rng.Next(16)}, {rn}",
                    _ => $"usat16{c} {rd}, #{rng.Next(16)}, {rn}",
                };
            }
            case 11: case 12:
            {
                string x = rng.Next(2) == 0 ? "x" : "";
                string r = rng.Next(2) == 0 ? "r" : "";
                string lo = rd, hi = R(rng);
                while (hi == lo) hi = R(rng);
                return rng.Next(10) switch
                {
                    0 => $"smlad{x}{c} {rd}, {rn}, {rm}, {ra}",
                    1 => $"smlsd{x}{c} {rd}, {rn}, {rm}, {ra}",
                    2 => $"smlald{x}{c} {lo}, {hi}, {rn}, {rm}",
                    3 => $"smlsld{x}{c} {lo}, {hi}, {rn}, {rm}",
                    4 => $"smuad{x}{c} {rd}, {rn}, {rm}",
                    5 => $"smusd{x}{c} {rd}, {rn}, {rm}",
                    6 => $"smmul{r}{c} {rd}, {rn}, {rm}",
                    7 => $"smmla{r}{c} {rd}, {rn}, {rm}, {ra}",
                    8 => $"smmls{r}{c} {rd}, {rn}, {rm}, {ra}",
                    _ => $"umaal{c} {lo}, {hi}, {rn}, {rm}",
                };
            }
            case 13:
            {
                // Thumb v6 additions on low registers.
                thumb = true;
                string td = "r" + rng.Next(8), tm = "r" + rng.Next(8);
                string[] ops = ["rev", "rev16", "revsh", "sxtb", "sxth", "uxtb", "uxth", "cpy"];
                return $"{ops[rng.Next(ops.Length)]} {td}, {tm}";
            }
            default:
            {
                // ARMv5TE neighbours in the same encoding spaces, to catch decoding overlaps.
                return rng.Next(6) switch
                {
                    0 => $"qadd{c} {rd}, {rn}, {rm}",
                    1 => $"smlabt{c} {rd}, {rn}, {rm}, {ra}",
                    2 => $"smulwb{c} {rd}, {rn}, {rm}",
                    3 => $"clz{c} {rd}, {rm}",
                    4 => $"mul{c} {rd}, {rn}, {rm}",
                    _ => $"qdsub{c} {rd}, {rn}, {rm}",
                };
            }
        }
    }
}
