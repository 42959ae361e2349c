using Cloister.Platform.Bus;
using BenchmarkDotNet.Attributes;

namespace Cloister.Arm.Bench;

/// <summary>Time per guest instruction of hot, already decoded/translated code under each engine.
/// "Tight" is a two-instruction loop (one block entry per two instructions: dispatch cost);
/// "Mixed" is an eight-instruction loop of loads, stores and ALU work.</summary>
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

    [Params(ExecutionEngine.Interpreter, ExecutionEngine.Translator)]
    public ExecutionEngine Engine;

    [Params("Tight", "Mixed")]
    public string Program = "Tight";

    PhysicalBus bus = null!;
    ArmCpu cpu = null!;

    [GlobalSetup]
    public void Setup()
    {
        bus = new PhysicalBus(0, 1 << 20);
        bus.WriteWords(0, Program == "Tight" ? Tight : Mixed);
        cpu = new ArmCpu(CpuModel.Arm926, bus) { Engine = Engine };
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
