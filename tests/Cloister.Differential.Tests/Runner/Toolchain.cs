using Cloister.Differential.Tests.Generator;

namespace Cloister.Differential.Tests.Runner;

/// <summary>Assembles and links a program with the GNU ARM toolchain into an ELF entered at
/// <see cref="Layout.LoadAddress"/> in SVC mode with the MMU off (how QEMU's -kernel starts an ELF).</summary>
public static class Toolchain
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<string> BuildAsync(GeneratedProgram program, string directory)
    {
        Directory.CreateDirectory(directory);
        string source = Path.Combine(directory, "program.s");
        string obj = Path.Combine(directory, "program.o");
        string elf = Path.Combine(directory, "program.elf");
        await File.WriteAllTextAsync(source, program.Source);

        var target = program.Options.Target;
        string[] fpu = target.Has(ArchFeatures.Vfp) ? ["-mfpu=vfpv2"] : [];
        await Run("arm-none-eabi-as", [$"-mcpu={target.AssemblerCpu}", .. fpu, "-o", obj, source], program, source);
        await Run("arm-none-eabi-ld", ["-Ttext=0x" + Layout.LoadAddress.ToString("x"), "-e", "_start", "-o", elf, obj], program, source);
        return elf;
    }

    static async Task Run(string tool, string[] args, GeneratedProgram program, string source)
    {
        var r = await ProcessRunner.RunAsync(tool, args, Timeout);
        if (r.ExitCode != 0 || r.TimedOut)
            throw new InvalidOperationException(
                $"{tool} failed on {program.Name} ({source}), exit {r.ExitCode}{(r.TimedOut ? ", timed out" : "")}:\n{r.Stderr}{r.Stdout}");
    }
}
