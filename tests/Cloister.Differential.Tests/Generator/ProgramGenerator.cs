using Cloister.Differential.Tests.Generator.Arm;
using Cloister.Differential.Tests.Generator.Thumb;

namespace Cloister.Differential.Tests.Generator;

/// <summary>Seed → program. Everything is drawn from one generator in a fixed order: initial state first,
/// then instruction after instruction, so a shorter program with the same seed is a prefix of a longer one
/// (handy for cutting a failing program down with CLOISTER_DIFF_LENGTH).</summary>
public static class ProgramGenerator
{
    public static GeneratedProgram Generate(int seed, GeneratorOptions options)
    {
        var rng = new Rng(((ulong)(uint)seed << 8) | (ulong)options.Isa);
        var registers = Enumerable.Range(0, 15).Select(_ => RandomValues.Word(rng)).ToArray();
        uint flags = RandomValues.Flags(rng);
        var fill = Enumerable.Range(0, Layout.BufferSize / 4).Select(_ => RandomValues.Word(rng)).ToArray();

        var block = new BlockBuilder(options.Isa);
        IBlockGenerator generator = options.Isa == InstructionSet.Arm
            ? new ArmBlockGenerator(options, rng)
            : new ThumbBlockGenerator(options, rng);
        while (block.InstructionCount < options.InstructionCount) generator.EmitOne(block);
        block.Finish();

        string source = ProgramTemplate.Render(new ProgramTemplate.Parts(
            Title: $"cloister differential test {options.Isa.ToString().ToLowerInvariant()}:{seed}, {options.InstructionCount} instructions, {options.Target.Name}",
            Isa: options.Isa,
            Registers: registers,
            Flags: flags,
            Fill: fill,
            Body: block.Lines));
        return new GeneratedProgram(seed, options, source, block.Lines, new InitialState(registers, flags, fill));
    }
}
