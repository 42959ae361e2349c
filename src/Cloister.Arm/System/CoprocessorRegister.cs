namespace Cloister.Arm;

/// <summary>Who may read or write a coprocessor register; anything else is UNDEFINED.</summary>
[Flags]
internal enum CpAccess
{
    None = 0,
    PrivilegedRead = 1,
    PrivilegedWrite = 2,
    UserRead = 4,
    UserWrite = 8,
    PrivilegedReadWrite = PrivilegedRead | PrivilegedWrite,
    AllRead = PrivilegedRead | UserRead,
}

/// <summary>
/// One entry of a coprocessor register map. -1 in a coordinate matches any value, so one
/// entry can cover a space (e.g. all cache-maintenance operations). Later entries override
/// earlier ones, so specific registers are listed after the wildcards they refine.
/// </summary>
internal sealed record CoprocessorRegister(
    string Name, int Crn, int Crm, int Opc1, int Opc2, CpAccess Access,
    Func<uint>? Read = null, Action<uint>? Write = null,
    Func<bool, bool>? Check = null) // extra access check (argument: is a write); false = UNDEFINED
{
    public const int Any = -1;

    public bool Matches(int crn, int crm, int opc1, int opc2) =>
        (Crn == Any || Crn == crn) && (Crm == Any || Crm == crm)
        && (Opc1 == Any || Opc1 == opc1) && (Opc2 == Any || Opc2 == opc2);

    /// <summary>A readable register with no value (QEMU's ARM_CP_NOP): MRC leaves Rd unchanged.</summary>
    public bool IsNop => Read is null;

    public bool Allows(bool write, bool privileged) => write
        ? (Access & (privileged ? CpAccess.PrivilegedWrite : CpAccess.UserWrite)) != 0
        : (Access & (privileged ? CpAccess.PrivilegedRead : CpAccess.UserRead)) != 0;
}
