using Cloister.Differential.Tests.Generator.Arm;
using Cloister.Differential.Tests.Generator.Thumb;
using Cloister.Differential.Tests.Generator.Vfp;

namespace Cloister.Differential.Tests.Generator;

/// <summary>Seed → program. Everything is drawn from one generator in a fixed order: initial state first,
/// then instruction after instruction, so a shorter program with the same seed is a prefix of a longer one
/// (handy for cutting a failing program down with CLOISTER_DIFF_LENGTH).</summary>
public static class ProgramGenerator
{
    public static GeneratedProgram Generate(int seed, GeneratorOptions options)
    {
        // The target's index keeps the ARM926's seeds as they were (index 0) and gives each ARM11 model its own programs.
        ulong targetIndex = (ulong)Array.IndexOf(TargetCpu.All, options.Target);
        var rng = new Rng(((ulong)(uint)seed << 8) | targetIndex << 4 | (ulong)options.Isa);
        var registers = Enumerable.Range(0, 15).Select(_ => RandomValues.Word(rng)).ToArray();
        uint flags = RandomValues.Flags(rng);
        var fill = Enumerable.Range(0, Layout.BufferSize / 4).Select(_ => RandomValues.Word(rng)).ToArray();
        var vfp = options.Target.Has(ArchFeatures.Vfp) ? new VfpState(VfpValues.Registers(rng), VfpValues.Fpscr(rng)) : null;

        var block = new BlockBuilder(options.Isa);
        IBlockGenerator generator = options.Isa == InstructionSet.Arm
            ? new ArmBlockGenerator(options, rng)
            : new ThumbBlockGenerator(options, rng);
        while (block.InstructionCount < options.InstructionCount) generator.EmitOne(block);
        block.Finish();

        string source = ProgramTemplate.Render(new ProgramTemplate.Parts(
            Title: $"cloister differential test {GeneratedProgram.NameOf(options, seed)}, {options.InstructionCount} instructions, {options.Target.Name}",
            Isa: options.Isa,
            Registers: registers,
            Flags: flags,
            Fill: fill,
            Body: block.Lines,
            Vfp: vfp,
            UnalignedAccesses: options.UnalignedAccesses));
        return new GeneratedProgram(seed, options, source, block.Lines, new InitialState(registers, flags, fill, vfp));
    }
}
