namespace Cloister.Arm;

// Operations for host code that plays the role of privileged software on this CPU: the
// hypervisor, whose vector code is C#, programs CP15 through these exactly as its MCR/MRC
// instructions would, with privileged rights whatever mode the CPU was in when it trapped.
public sealed partial class ArmCpu
{
    /// <summary>MCR p15 with privileged rights. False when the register does not exist.</summary>
    public bool WriteSystemRegister(int opc1, int crn, int crm, int opc2, uint value) =>
        Cp15.TryWrite(opc1, crn, crm, opc2, privileged: true, value);

    /// <summary>MRC p15 with privileged rights. False when the register does not exist.</summary>
    public bool ReadSystemRegister(int opc1, int crn, int crm, int opc2, out uint value) =>
        Cp15.TryRead(opc1, crn, crm, opc2, privileged: true, out value);
}
