namespace Cloister.Flask.Server;

/// <summary>The answer to one access query: what is allowed, what to audit, and for which policy state.</summary>
public readonly record struct AvDecision(uint Allowed, uint AuditAllow, uint AuditDeny, bool Permissive, uint Seqno);

/// <summary>Xen errno values the security server returns (negated, as in Xen).</summary>
public static class FlaskErrno
{
    public const int Ok = 0, EPERM = -1, ENOENT = -2, ENOMEM = -12, EACCES = -13, EBUSY = -16, EINVAL = -22;
}
