using Cloister.ArmV6.Tests.Programs;

namespace Cloister.ArmV6.Tests.Tests;

/// <summary>The CP15 map of every ARM11 model against QEMU: every read in the space (value or UNDEFINED),
/// write/read-back of the writable registers, and what User mode may reach.</summary>
public class Cp15Tests
{
    [Theory]
    [InlineData("arm1136-r2")]
    [InlineData("arm1136")]
    [InlineData("arm1176")]
    [InlineData("arm11mpcore")]
    public void Cp15MapMatchesQemu(string cpu) =>
        // Known difference: QEMU's ARM11 models have VFP, whose CPACR fields (cp10/cp11, ASEDIS/D32DIS) exist
        // only once Cloister's model reports VFP (CpuModel.HasVfp).
        DifferentialAssert.SameAsQemu(Cp15Probe.Generate(), cpu,
            ignore: label => !Cloister.Arm.CpuModel.Find(cpu)!.HasVfp && (label.Contains("CPACR") || label.EndsWith("c1, c0, 2")));

    /// <summary>The arm1176 with its Security Extensions (QEMU's raspi0 keeps EL3): SCR, SDER, NSACR, VBAR,
    /// MVBAR, and the ID registers' Security fields, seen from Secure SVC.</summary>
    [Fact]
    public void Cp15MapWithSecurityExtensionsMatchesQemu() =>
        DifferentialAssert.SameAsQemu(Cp15Probe.Generate(), "arm1176",
            ignore: label => label.Contains("CPACR") || label.EndsWith("c1, c0, 2"), securityExtensions: true);
}
