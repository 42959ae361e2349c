using Cloister.ArmV6.Tests.Programs;

namespace Cloister.ArmV6.Tests.Tests;

/// <summary>Directed ARMv6 programs (exclusives, SETEND, CPS/SRS/RFE, hints, alignment) on every ARM11 model.</summary>
public class DirectedTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var cpu in new[] { "arm1136-r2", "arm1136", "arm1176", "arm11mpcore" })
            foreach (var p in Directed.All) data.Add(p.Name, cpu);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DirectedProgramMatchesQemu(string program, string cpu) =>
        DifferentialAssert.SameAsQemu(Directed.All.Single(p => p.Name == program), cpu);

    [Fact]
    public void SecurityExtensionsMatchQemu() =>
        DifferentialAssert.SameAsQemu(Directed.SecurityExtensions, "arm1176", securityExtensions: true);
}
