using Cloister.ArmV6.Tests.Harness;
using Cloister.ArmV6.Tests.Programs;

namespace Cloister.ArmV6.Tests.Tests;

/// <summary>For writing new directed programs: CLOISTER_V6_SCRATCH names an assembly body file, run with
/// CLOISTER_V6_MACHINE (versatilepb or raspi0) and CLOISTER_V6_CPU; both outputs are written next to it.</summary>
public class ScratchTests
{
    [Fact(Explicit = true)]
    public void Scratch()
    {
        string file = Environment.GetEnvironmentVariable("CLOISTER_V6_SCRATCH") ?? throw new InvalidOperationException("CLOISTER_V6_SCRATCH not set");
        string machine = Environment.GetEnvironmentVariable("CLOISTER_V6_MACHINE") ?? "versatilepb";
        string cpu = Environment.GetEnvironmentVariable("CLOISTER_V6_CPU") ?? "arm1176";
        string src = Frame.Wrap(File.ReadAllText(file));
        string elf = Runner.Build(src, DifferentialAssert.AssemblerCpu);
        File.WriteAllText(file + ".qemu", Runner.RunQemu(cpu, elf, machine));
        File.WriteAllText(file + ".cloister", Runner.RunCloister(cpu, elf, securityExtensions: machine == "raspi0"));
    }
}
