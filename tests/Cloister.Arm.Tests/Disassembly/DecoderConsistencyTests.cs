using Cloister.Platform.Bus;
using Xunit;

namespace Cloister.Arm.Tests.Disassembly;

/// <summary>
/// The disassembler should call UNDEFINED what the CPU's decoder rejects, and name an
/// instruction for what it executes; measured on random words against an ARM1176 (ARMv6K, VFPv2).
/// Known, deliberate differences (the text follows objdump): empty LDM/STM/PUSH/POP lists, odd
/// LDRD/STRD registers, post-indexed extra loads with W set, Thumb-2 hints in Thumb.
/// </summary>
public unsafe class DecoderConsistencyTests
{
    static bool DecoderRejects(ArmCpu cpu, uint raw, bool thumb)
    {
        Insn insn;
        if (thumb) ThumbDecoder.Decode(cpu, &insn, raw, 0x8000);
        else ArmDecoder.Decode(cpu, &insn, raw, 0x8000);
        return insn.Exec == (delegate*<ArmCpu, Insn*, void>)&Miscellaneous.Undefined;
    }

    [Fact]
    public void UndefinedEncodingsMostlyAgreeWithTheDecoder()
    {
        using var bus = new PhysicalBus(0, 1 << 16);
        using var cpu = new ArmCpu(CpuModel.Arm1176, bus);
        var random = new Random(11);
        int total = 0, agree = 0;
        var examples = new List<string>();
        for (int i = 0; i < 100_000; i++)
        {
            uint raw = (uint)random.NextInt64(0, 1L << 32);
            // Coprocessor and unconditional space: the disassembler names every coprocessor
            // instruction (as objdump does) although this CPU has only cp10/11/14/15.
            if (raw >> 28 == 15 || (raw >> 25 & 7) == 6 || (raw >> 24 & 15) == 14) continue;
            bool ours = Disassembler.Arm(raw, 0x8000).Contains("UNDEFINED");
            bool cpuSays = DecoderRejects(cpu, raw, thumb: false);
            total++;
            if (ours == cpuSays) agree++;
            else if (examples.Count < 40) examples.Add($"{raw:x8} cpu-undefined={cpuSays} ours '{Disassembler.Arm(raw, 0x8000)}'");
        }
        for (uint raw = 0; raw <= 0xFFFF; raw++)
        {
            if ((raw & 0xE000) == 0xE000 && (raw & 0x1800) != 0) continue; // BL/BLX halves
            bool ours = Disassembler.Thumb(raw, 0x8000).Contains("UNDEFINED");
            bool cpuSays = DecoderRejects(cpu, raw, thumb: true);
            total++;
            if (ours == cpuSays) agree++;
            else if (examples.Count < 80) examples.Add($"{raw:x4} cpu-undefined={cpuSays} ours '{Disassembler.Thumb(raw, 0x8000)}'");
        }
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "cloister-disasm-decoder.txt"), $"{agree}/{total}\n" + string.Join("\n", examples));
        TestContext.Current.TestOutputHelper?.WriteLine($"decoder agreement {agree}/{total}");
        Assert.True(agree >= total * 0.9, $"{agree}/{total}\n" + string.Join("\n", examples));
    }
}
