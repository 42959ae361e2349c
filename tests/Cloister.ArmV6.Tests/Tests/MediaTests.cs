using Cloister.ArmV6.Tests.Programs;

namespace Cloister.ArmV6.Tests.Tests;

/// <summary>Seeded random media/SIMD, saturation, extension, reversal and v6 multiply instructions, with
/// random operands and flags (NZCV, Q, GE), compared with QEMU register by register.</summary>
public class MediaTests
{
    public const int CasesPerProgram = 500;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var cpu in new[] { "arm1136-r2", "arm1136", "arm1176", "arm11mpcore" })
            for (int seed = 1; seed <= 3; seed++) data.Add(cpu, seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RandomMediaProgramMatchesQemu(string cpu, int seed) =>
        DifferentialAssert.SameAsQemu(MediaGenerator.Generate(seed * 7919 + cpu.Length, CasesPerProgram, thumbExtras: true), cpu);

    /// <summary>Random loads and stores, half of them big-endian (SETEND BE), buffer dumped.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void RandomEndianLoadStoreProgramMatchesQemu(string cpu, int seed) =>
        DifferentialAssert.SameAsQemu(EndianGenerator.Generate(seed * 104729 + cpu.Length, 300), cpu);
}
