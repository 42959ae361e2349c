using System.Text;

namespace Cloister.ArmV6.Tests.Programs;

/// <summary>
/// Seeded random loads and stores of every size, half of them in big-endian data mode (SETEND BE), on a
/// buffer that is dumped with the registers: exercises CPSR.E on the slow path against QEMU. r12 is the
/// base (the buffer plus a random word offset); r0-r11 and the flags are random.
/// </summary>
public static class EndianGenerator
{
    const uint Buffer = Frame.Out + 0x40000;
    const int BufferWords = 64;

    public static TestProgram Generate(int seed, int cases)
    {
        var rng = new Random(seed);
        var body = new StringBuilder();
        var labels = new List<string>();
        // Fill the buffer with a recognisable pattern.
        body.Append($"    ldr r0, =0x{Buffer:x8}\n    ldr r1, =0x01234567\n    ldr r2, =0x11111111\n    mov r3, #{BufferWords}\n");
        body.Append("9:  str r1, [r0], #4\n    add r1, r1, r2\n    subs r3, r3, #1\n    bne 9b\n    b 7f\n    .ltorg\n7:\n");
        for (int k = 0; k < cases; k++)
        {
            var regs = new uint[13];
            for (int i = 0; i < 12; i++) regs[i] = (uint)rng.NextInt64(0, 1L << 32);
            regs[12] = Buffer + 16 * (uint)rng.Next(8, BufferWords / 4 - 8);
            uint psr = (uint)rng.Next(16) << 28;
            bool big = rng.Next(2) == 0;
            string insn = Instruction(rng);
            labels.Add($"# case {k}: {(big ? "BE" : "LE")} {insn}");
            body.Append($"    b 1f\n.Ld{k}: .word {string.Join(", ", regs.Select(r => $"0x{r:x8}"))}, 0x{psr:x8}\n");
            body.Append($"1:  adr r13, .Ld{k}\n    ldr r14, [r13, #52]\n    msr cpsr_f, r14\n    ldm r13, {{r0-r12}}\n");
            if (big) body.Append("    setend be\n");
            body.Append($"    {insn}\n    setend le\n");
            body.Append($"    ldr r13, .Lo{k}\n    stm r13, {{r0-r12}}\n    mrs r14, cpsr\n    str r14, [r13, #52]\n    b 3f\n.Lo{k}: .word 0x{Frame.Out + (uint)k * 56:x8}\n3:\n");
        }
        // Append the buffer to the dump: copy it after the case records.
        uint tail = Frame.Out + (uint)cases * 56;
        body.Append($"    ldr r0, =0x{Buffer:x8}\n    ldr r1, =0x{tail:x8}\n    mov r2, #{BufferWords}\n");
        body.Append("8:  ldr r3, [r0], #4\n    str r3, [r1], #4\n    subs r2, r2, #1\n    bne 8b\n");
        int words = cases * 14 + BufferWords;
        body.Append($"    ldr r0, ={words}\n    mov r1, #14\n    b dump\n");
        for (int i = 0; i < (BufferWords + 13) / 14; i++) labels.Add($"# buffer line {i}");
        return new TestProgram($"endian-{seed}", Frame.Wrap(body.ToString()), labels, words, 14);
    }

    static string R(Random rng) => "r" + rng.Next(12);

    static string Instruction(Random rng)
    {
        string rd = R(rng);
        int off = rng.Next(-8, 9);
        string o = off < 0 ? $"#-{-off}" : $"#{off}";
        string ow = $"#{4 * rng.Next(-4, 5)}";
        switch (rng.Next(12))
        {
            case 0: return $"ldr {rd}, [r12, {o}]";
            case 1: return $"ldrh {rd}, [r12, {o}]";
            case 2: return $"ldrsh {rd}, [r12, {o}]";
            case 3: return $"ldrb {rd}, [r12, {o}]";
            case 4: return $"ldrsb {rd}, [r12, {o}]";
            case 5: return $"str {rd}, [r12, {o}]";
            case 6: return $"strh {rd}, [r12, {o}]";
            case 7: return $"strb {rd}, [r12, {o}]";
            case 8:
            {
                int e = 2 * rng.Next(5);
                return rng.Next(2) == 0 ? $"ldrd r{e}, r{e + 1}, [r12, {ow}]" : $"strd r{e}, r{e + 1}, [r12, {ow}]";
            }
            case 9:
            {
                var list = Enumerable.Range(0, 12).Where(_ => rng.Next(3) == 0).Select(i => "r" + i).ToList();
                if (list.Count == 0) list.Add("r0");
                string[] modes = ["ia", "ib", "da", "db"];
                return $"{(rng.Next(2) == 0 ? "ldm" : "stm")}{modes[rng.Next(4)]} r12, {{{string.Join(", ", list)}}}";
            }
            case 10: return $"ldr {rd}, [r12, {o}]!";
            default: return $"swp {rd}, {R(rng)}, [r12]";
        }
    }
}
