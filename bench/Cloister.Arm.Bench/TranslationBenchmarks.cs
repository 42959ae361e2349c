using Cloister.Platform.Bus;
using BenchmarkDotNet.Attributes;
using Cloister.Arm.Jit;

namespace Cloister.Arm.Bench;

/// <summary>Cost of translating a 64-instruction block (IL emission, delegate creation and the
/// .NET JIT compiling it on its first call), per guest instruction.</summary>
public unsafe class TranslationBenchmarks
{
    const int Length = 64;

    PhysicalBus bus = null!;
    ArmCpu cpu = null!;
    Insn* page;

    [GlobalSetup]
    public void Setup()
    {
        bus = new PhysicalBus(0, 1 << 20);
        // A typical compiled-C mix: ALU, loads, stores, compares and a conditional instruction,
        // repeated; the block ends with a branch to itself.
        uint[] pattern =
        [
            0xE5901004, // ldr   r1, [r0, #4]
            0xE0812002, // add   r2, r1, r2
            0xE1A03102, // mov   r3, r2, lsl #2
            0xE3530040, // cmp   r3, #64
            0xC2433001, // subgt r3, r3, #1
            0xE5803008, // str   r3, [r0, #8]
            0xE2844001, // add   r4, r4, #1
            0xE0045005, // and   r5, r4, r5
        ];
        var words = new uint[Length];
        for (int i = 0; i < Length - 1; i++) words[i] = pattern[i % pattern.Length];
        words[Length - 1] = 0xEAFFFFFE - (Length - 1); // b <start>
        bus.WriteWords(0, words);
        cpu = new ArmCpu(CpuModel.Arm926, bus);
        page = (Insn*)System.Runtime.InteropServices.NativeMemory.AllocZeroed((nuint)(1024 * sizeof(Insn)));
        for (int i = 0; i < Length; i++) ArmDecoder.Decode(cpu, page + i, words[i], (uint)i * 4);
        cpu.R[0] = 0x1000;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        System.Runtime.InteropServices.NativeMemory.Free(page);
        cpu.Dispose();
        bus.Dispose();
    }

    /// <summary>IL emission and delegate creation only, without the .NET JIT.</summary>
    [Benchmark(OperationsPerInvoke = Length)]
    public object EmitPerGuestInstruction() => BlockCompiler.Compile(cpu, page, 0, Length, thumb: false);

    [Benchmark(OperationsPerInvoke = Length)]
    public void TranslatePerGuestInstruction()
    {
        var block = BlockCompiler.Compile(cpu, page, 0, Length, thumb: false);
        cpu.StopAt = cpu.Executed + Length; // one pass: the block branches back to its start
        block.Code(0); // the first call is when the .NET JIT compiles the method
    }
}
