using Cloister.Platform.Bus;
using Xunit;

namespace Cloister.Arm.Tests;

/// <summary>The translator must leave exactly the interpreter's state (registers, flags, memory and
/// the instruction count) whatever the run-slice boundaries, including when code rewrites itself.
/// The whole suites run under both engines in CI; these programs are short, so they set a low
/// threshold of their own to be translated whatever the default is.</summary>
public class TranslatorTests
{
    //   mov r0, #0x1000 ; mov r1, #0
    //   loop: ldr r2, [r0, r1, lsl #2] ; add r2, r2, r1 ; str r2, [r0, r1, lsl #2]
    //         add r1, r1, #1 ; and r1, r1, #0xFF ; b loop
    static readonly uint[] LoadStoreLoop =
    [
        0xE3A00A01, 0xE3A01000, 0xE7902101, 0xE0822001,
        0xE7802101, 0xE2811001, 0xE20110FF, 0xEAFFFFF9,
    ];

    // A loop that patches its own first instruction (add r0, r0, #1 or #2, chosen by bit 8 of r0)
    // whenever the low byte of r0 is zero:
    //   0x00 mov r0, #0 ; 0x04 mov r1, #0x100 ; 0x08 mov r4, #0x0C
    //   0x0C add r0, r0, #1        <- patched
    //   0x10 ands r3, r0, #0xFF ; 0x14 tst r0, #0x100
    //   0x18 ldrne r2, [r1, #4] ; 0x1C ldreq r2, [r1] ; 0x20 cmp r3, #0 ; 0x24 streq r2, [r4]
    //   0x28 b 0x0C
    //   0x100: add r0, r0, #1 ; add r0, r0, #2
    static readonly uint[] SelfModifying =
    [
        0xE3A00000, 0xE3A01C01, 0xE3A0400C, 0xE2800001,
        0xE21030FF, 0xE3100C01, 0x15912004, 0x05912000,
        0xE3530000, 0x05842000, 0xEAFFFFF7,
    ];

    // ARM prologue (r7 = 0x1000, sp = 0x2000, BX to Thumb), then a Thumb loop over every Thumb-1
    // data-processing form, literal loads at word- and halfword-aligned addresses, high-register
    // and SP/PC-relative forms, loads/stores, PUSH/POP and conditional/unconditional branches,
    // each result and carry folded into r0 (source and build command: TranslatorPrograms/ThumbLoop.s).
    static readonly uint[] ThumbLoop =
    [
        0xE3A07A01, 0xE3A0DA02, 0xE28F0001, 0xE12FFF10,
        0x22032100, 0x4C274B27, 0x41604158, 0x4160188C,
        0x41681EE5, 0x417000EE, 0x41700876, 0x41581083,
        0x41604074, 0x41604004, 0x41684325, 0x41684395,
        0x417043C6, 0x4170420E, 0x41604144, 0x41684185,
        0x41704266, 0xDA0042AE, 0x42D43001, 0x3003D700,
        0x416041D4, 0x4168408D, 0x417040D6, 0x4158410B,
        0x41604344, 0x4158A30F, 0x4158AB02, 0xB082B002,
        0x448046A0, 0x46444588, 0x447C4160, 0x60784160,
        0x416858BD, 0x88BE547D, 0x567B4170, 0x60BE4158,
        0xBC48B430, 0x41704158, 0x32053101, 0xD1B129C8,
        0xE7AF2100, 0x87654321,
    ];

    [Theory]
    [InlineData(nameof(ThumbLoop), 1000)]
    [InlineData(nameof(ThumbLoop), 7)]
    [InlineData(nameof(LoadStoreLoop), 1000)]
    [InlineData(nameof(LoadStoreLoop), 7)]
    [InlineData(nameof(SelfModifying), 1000)]
    [InlineData(nameof(SelfModifying), 13)]
    public void Translator_leaves_the_interpreters_state(string program, int slice)
    {
        var (interpreted, _) = RunProgram(program, ExecutionEngine.Interpreter, slice);
        var (translated, blocks) = RunProgram(program, ExecutionEngine.Translator, slice);
        Assert.Equal(interpreted, translated);
        Assert.True(blocks > 0, "the translator translated nothing");
    }

    static unsafe (string State, long Blocks) RunProgram(string program, ExecutionEngine engine, int slice)
    {
        using var bus = new PhysicalBus(0, 1 << 20);
        if (program == nameof(SelfModifying))
        {
            bus.WriteWords(0, SelfModifying);
            bus.WriteWords(0x100, [0xE2800001, 0xE2800002]);
        }
        else
        {
            bus.WriteWords(0, program == nameof(ThumbLoop) ? ThumbLoop : LoadStoreLoop);
        }
        using var cpu = new ArmCpu(CpuModel.Arm926, bus) { Engine = engine, TranslationThreshold = 50 };
        for (int i = 0; i < 300_000 / slice; i++) cpu.Run(slice);
        var state = new System.Text.StringBuilder();
        for (int r = 0; r < 16; r++) state.Append($"r{r}={cpu.GetRegister(r):x8} ");
        state.Append($"cpsr={cpu.Cpsr:x8} executed={cpu.Executed} code={((uint*)bus.RamPointer)[3]:x8} ");
        uint sum = 0;
        for (int i = 0; i < 0x100; i++) sum = sum * 31 + ((uint*)(bus.RamPointer + 0x1000))[i];
        state.Append($"data={sum:x8}");
        return (state.ToString(), cpu.BlocksTranslated);
    }
}
