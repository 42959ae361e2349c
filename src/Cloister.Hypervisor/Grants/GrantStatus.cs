namespace Cloister.Hypervisor.Grants;

/// <summary>GNTST_* status codes (grant_table.h).</summary>
public static class GrantStatus
{
    public const short Okay = 0, GeneralError = -1, BadDomain = -2, BadGntref = -3, BadHandle = -4,
        BadVirtAddr = -5, PermissionDenied = -8, BadPage = -9, BadCopyArg = -10, NoSpace = -13;
}

/// <summary>Grant entry flags (v1) and map flags.</summary>
public static class GrantFlags
{
    public const ushort PermitAccess = 1, TypeMask = 3, ReadOnly = 1 << 2, Reading = 1 << 3, Writing = 1 << 4;
    public const uint MapHost = 2, MapReadOnly = 4;
}
