using Xunit;

namespace Cloister.Arm.Tests.Disassembly;

/// <summary>in_asm calls the disassembler on whatever the guest executes: it must never throw or print nothing.</summary>
public class DisassemblerRobustnessTests
{
    [Fact]
    public void EveryThumbHalfwordHasText()
    {
        for (uint raw = 0; raw <= 0xFFFF; raw++)
            Assert.False(string.IsNullOrWhiteSpace(Disassembler.Thumb(raw, 0x8000)), $"{raw:x4}");
    }

    [Fact]
    public void RandomArmWordsHaveText()
    {
        var random = new Random(7);
        for (int i = 0; i < 200_000; i++)
        {
            uint raw = (uint)random.NextInt64(0, 1L << 32);
            Assert.False(string.IsNullOrWhiteSpace(Disassembler.Arm(raw, 0x8000)), $"{raw:x8}");
        }
    }

    [Fact]
    public void InAsmLayoutPadsTheMnemonicLikeQemu()
    {
        Assert.Equal("mov     r0, #0", Disassembler.Arm(0xE3A00000, 0));
        Assert.Equal("bl      0x8064", Disassembler.Arm(0xEBFFFFFE, 0x8064));
        Assert.Equal("nop", Disassembler.Arm(0xE1A00000, 0));
        Assert.Equal("push    {r0, r1}", Disassembler.Thumb(0xB403, 0));
    }
}
