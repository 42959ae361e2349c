namespace Cloister.Flask.Model;

/// <summary>Kinds of access vector table entries (the "specified" field).</summary>
public static class AvKind
{
    public const ushort Allowed = 0x0001, AuditAllow = 0x0002, AuditDeny = 0x0004,
        Transition = 0x0010, Member = 0x0020, Change = 0x0040;
    public const ushort AccessMask = Allowed | AuditAllow | AuditDeny;
    public const ushort TypeMask = Transition | Member | Change;
    /// <summary>Flag on conditional rules in the file: enabled under the default boolean values.</summary>
    public const ushort Enabled = 0x8000;
}

/// <summary>One access vector table entry. For type rules Data is the new type.</summary>
public readonly record struct AvEntry(ushort Source, ushort Target, ushort Class, ushort Kind, uint Data);

/// <summary>Boolean expression node in postfix order.</summary>
public readonly record struct CondExpr(int Op, int Bool)
{
    public const int BoolRef = 1, Not = 2, Or = 3, And = 4, Xor = 5, Eq = 6, Neq = 7;
}

/// <summary>A conditional block: rules enabled when the expression is true, and the else rules.</summary>
public sealed record CondNode(CondExpr[] Expr, AvEntry[] TrueRules, AvEntry[] FalseRules);

public readonly record struct RoleTransition(int Role, int Type, int NewRole, int Class);

public readonly record struct RoleAllow(int Role, int NewRole);

public readonly record struct RangeTransition(int SourceType, int TargetType, int Class, MlsRange Range);
