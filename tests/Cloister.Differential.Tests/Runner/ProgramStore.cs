using System.Collections.Concurrent;
using Cloister.Differential.Tests.Generator;

namespace Cloister.Differential.Tests.Runner;

/// <summary>A generated, assembled program on disk.</summary>
public sealed record BuiltProgram(DifferentialCase Case, GeneratedProgram Program, string ElfPath)
{
    public string SourcePath => Path.Combine(Case.Directory, "program.s");
}

/// <summary>Each program is generated, built and run under QEMU once per test run; the test classes share
/// the results (QEMU's determinism is checked separately, by running it again).</summary>
public static class ProgramStore
{
    static readonly ConcurrentDictionary<DifferentialCase, Lazy<Task<BuiltProgram>>> Built = new();
    static readonly ConcurrentDictionary<DifferentialCase, Lazy<Task<MachineRun>>> Reference = new();

    public static Task<BuiltProgram> BuildAsync(DifferentialCase c) =>
        Built.GetOrAdd(c, key => new Lazy<Task<BuiltProgram>>(() => BuildNowAsync(key))).Value;

    public static Task<MachineRun> QemuReferenceAsync(DifferentialCase c) =>
        Reference.GetOrAdd(c, key => new Lazy<Task<MachineRun>>(async () =>
        {
            var built = await BuildAsync(key);
            return await QemuMachine.RunAsync(key.Target.QemuCpu, built.ElfPath);
        })).Value;

    static async Task<BuiltProgram> BuildNowAsync(DifferentialCase c)
    {
        var program = ProgramGenerator.Generate(c.Seed, c.Options);
        string elf = await Toolchain.BuildAsync(program, c.Directory);
        return new BuiltProgram(c, program, elf);
    }
}
