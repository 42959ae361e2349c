using Cloister.Platform.Bus;
using BenchmarkDotNet.Attributes;

namespace Cloister.Arm.Bench;

/// <summary>Time per guest instruction of hot, already decoded/translated code under each engine.
/// "Tight" is a two-instruction loop (one block entry per two instructions: dispatch cost);
/// "Mixed" is an eight-instruction loop of loads, stores and ALU work. "Loads" and "Alu" are the
/// same eight-instruction loop of seven LDRs or seven ADDs: their difference is the cost of a
/// software-TLB hit (encodings from arm-none-eabi-as).</summary>
public class DispatchBenchmarks
{
    const int Instructions = 1_000_000;

    // loop: subs r0, r0, #1 ; bne loop   (r0 starts huge, so it never falls through)
    static readonly uint[] Tight = [0xE3E00000, 0xE2500001, 0x1AFFFFFD];

    //   mov r0, #0x1000 ; mov r1, #0
    //   loop: ldr r2, [r0, r1, lsl #2] ; add r2, r2, r1 ; str r2, [r0, r1, lsl #2]
    //         add r1, r1, #1 ; and r1, r1, #0xFF ; b loop
    static readonly uint[] Mixed =
    [
        0xE3A00A01, 0xE3A01000, 0xE7902101, 0xE0822001,
        0xE7802101, 0xE2811001, 0xE20110FF, 0xEAFFFFF9,
    ];

    //   mov r0, #0x1000 ; loop: ldr r2, [r0] ; ldr r3, [r0, #4] ... ldr r8, [r0, #24] ; b loop
    static readonly uint[] Loads =
    [
        0xE3A00A01, 0xE5902000, 0xE5903004, 0xE5904008, 0xE590500C,
        0xE5906010, 0xE5907014, 0xE5908018, 0xEAFFFFF7,
    ];

    //   mov r0, #0x1000 ; loop: add r2, r2, #1 ; add r3, r3, #1 ... add r8, r8, #1 ; b loop
    static readonly uint[] Alu =
    [
        0xE3A00A01, 0xE2822001, 0xE2833001, 0xE2844001, 0xE2855001,
        0xE2866001, 0xE2877001, 0xE2888001, 0xEAFFFFF7,
    ];

    [Params(ExecutionEngine.Interpreter, ExecutionEngine.Translator)]
    public ExecutionEngine Engine;

    [Params("Tight", "Mixed", "Loads", "Alu")]
    public string Program = "Tight";

    PhysicalBus bus = null!;
    ArmCpu cpu = null!;

    [GlobalSetup]
    public void Setup()
    {
        bus = new PhysicalBus(0, 1 << 20);
        bus.WriteWords(0, Program switch { "Tight" => Tight, "Mixed" => Mixed, "Loads" => Loads, _ => Alu });
        cpu = new ArmCpu(CpuModel.Arm926, bus) { Engine = Engine, TranslationThreshold = 50 };
        cpu.Run(1_000_000); // decode, translate and JIT first
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        cpu.Dispose();
        bus.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Instructions)]
    public long RunPerGuestInstruction() => cpu.Run(Instructions);
}
