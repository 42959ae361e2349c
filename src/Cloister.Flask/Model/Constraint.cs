namespace Cloister.Flask.Model;

/// <summary>One node of a constraint expression, in postfix order (as stored).</summary>
public sealed record ConstraintExpr(int ExprType, int Attr, int Op, Ebitmap Names)
{
    public const int Not = 1, And = 2, Or = 3, AttrCompare = 4, NamesCompare = 5;
    public const int User = 1, Role = 2, Type = 4, Target = 8, XTarget = 16,
        L1L2 = 32, L1H2 = 64, H1L2 = 128, H1H2 = 256, L1H1 = 512, L2H2 = 1024;
    public const int Eq = 1, Neq = 2, Dom = 3, DomBy = 4, Incomp = 5;
}

/// <summary>A constraint: the permissions it restricts and the expression that must hold.</summary>
public sealed record Constraint(uint Permissions, ConstraintExpr[] Expr);
