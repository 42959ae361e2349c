using Cloister.Differential.Tests.Generator;
using Cloister.Differential.Tests.Runner;

namespace Cloister.Differential.Tests.Tests;

/// <summary>The prologue and epilogue on their own, under QEMU: a program with no random instructions must
/// dump exactly the state its prologue set up, in ARM and in Thumb (entered with BX, left with BX PC), on
/// the ARM926 and on an ARM11 (whose frame also loads and dumps the VFP registers and the FPSCR).</summary>
public sealed class ProgramFrameTests
{
    [Theory]
    [InlineData("arm926", InstructionSet.Arm)]
    [InlineData("arm926", InstructionSet.Thumb)]
    [InlineData("arm1136-r2", InstructionSet.Arm)]
    [InlineData("arm11mpcore", InstructionSet.Thumb)]
    public async Task An_empty_block_dumps_the_initial_state(string cpu, InstructionSet isa)
    {
        var c = new DifferentialCase(TargetCpu.Find(cpu), isa, 99, 0);
        var built = await ProgramStore.BuildAsync(c);
        var run = await ProgramStore.QemuReferenceAsync(c);
        var dump = run.TryDump(out string? error) ?? throw new Xunit.Sdk.XunitException(error);
        var initial = built.Program.Initial;

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(initial.Registers, dump.Registers);
        Assert.Equal(initial.Flags, dump.Cpsr & 0xF8000000);
        Assert.Equal(0x13u, dump.Cpsr & 0x1F);
        Assert.Equal(initial.Fill.SelectMany(BitConverter.GetBytes), dump.Buffer);
        Assert.Equal(initial.Vfp?.Singles, dump.Vfp?.Singles);
        Assert.Equal(initial.Vfp?.Fpscr, dump.Vfp?.Fpscr);
    }
}
