namespace Cloister.Arm;

/// <summary>
/// The debug and Jazelle coprocessor, as far as QEMU offers it on these cores: a DBGDIDR that
/// reads as zero (so no debug architecture is advertised) and the trivial Jazelle registers.
/// </summary>
internal sealed class Cp14
{
    readonly ArmCpu cpu;
    readonly CoprocessorRegister[] map =
    [
        new("DBGDIDR", 0, 0, 0, 0, CpAccess.AllRead, () => 0),
        new("JIDR", 0, 0, 7, 0, CpAccess.PrivilegedRead, () => 0),
        new("JOSCR", 1, 0, 7, 0, CpAccess.PrivilegedReadWrite, () => 0),
        new("JMCR", 2, 0, 7, 0, CpAccess.PrivilegedReadWrite, () => 0),
    ];

    public Cp14(ArmCpu cpu) => this.cpu = cpu;

    public bool TryRead(int opc1, int crn, int crm, int opc2, out uint value)
    {
        value = 0;
        var reg = Array.Find(map, r => r.Matches(crn, crm, opc1, opc2));
        if (reg is null || !reg.Allows(write: false, cpu.IsPrivileged)) return false;
        value = reg.Read?.Invoke() ?? 0;
        return true;
    }

    public bool TryWrite(int opc1, int crn, int crm, int opc2, uint value)
    {
        var reg = Array.Find(map, r => r.Matches(crn, crm, opc1, opc2));
        if (reg is null || !reg.Allows(write: true, cpu.IsPrivileged)) return false;
        reg.Write?.Invoke(value);
        return true;
    }
}
