using System.Text;
using Cloister.ArmV6.Tests.Harness;
using Cloister.ArmV6.Tests.Programs;

namespace Cloister.ArmV6.Tests.Tests;

/// <summary>Runs a program under QEMU and Cloister for one CPU and fails with an annotated diff.</summary>
public static class DifferentialAssert
{
    public const string AssemblerCpu = "arm1176jzf-s";

    /// <param name="ignore">Labels of lines that are known, documented differences (skipped).</param>
    /// <param name="securityExtensions">Compare with QEMU's raspi0 (an arm1176 with EL3) and give Cloister's
    /// arm1176 its Security Extensions.</param>
    public static void SameAsQemu(TestProgram program, string cpu, Func<string, bool>? ignore = null, bool securityExtensions = false)
    {
        string elf = Runner.Build(program.Source, AssemblerCpu);
        string expected = Runner.RunQemu(cpu, elf, securityExtensions ? "raspi0" : "versatilepb");
        if (securityExtensions) cpu += "-el3";
        string dir = Path.GetDirectoryName(elf)!;
        File.WriteAllText(Path.Combine(dir, $"qemu-{cpu}.txt"), expected);
        string actual;
        try
        {
            actual = Runner.RunCloister(cpu.Replace("-el3", ""), elf, securityExtensions);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{program.Name}: {ex.Message}", ex);
        }
        File.WriteAllText(Path.Combine(dir, $"cloister-{cpu}.txt"), actual);
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var sb = new StringBuilder($"{program.Name} on -cpu {cpu} differs from QEMU ({elf}):\n");
        int diffs = 0;
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<missing>", al = i < a.Length ? a[i] : "<missing>";
            if (el == al) continue;
            if (ignore != null && i < program.Labels.Count && ignore(program.Labels[i])) continue;
            if (++diffs > 10) { sb.AppendLine("..."); break; }
            string label = i < program.Labels.Count ? program.Labels[i] : $"line {i}";
            sb.AppendLine(label);
            sb.AppendLine($"  qemu:     {el}");
            sb.AppendLine($"  cloister: {al}");
        }
        if (diffs > 0) Assert.Fail(sb.ToString());
    }
}
