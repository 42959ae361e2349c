using Cloister.Flask.Model;

namespace Cloister.Flask.Server;

/// <summary>Evaluates constraint expressions (Xen's constraint_expr_eval), including the MLS comparisons.</summary>
internal static class ConstraintEvaluator
{
    public static bool Evaluate(PolicyDb p, in SecurityContext s, in SecurityContext t, SecurityContext? x, ConstraintExpr[] expr)
    {
        Span<bool> stack = stackalloc bool[8];
        int sp = 0;
        foreach (var e in expr)
        {
            switch (e.ExprType)
            {
                case ConstraintExpr.Not: stack[sp - 1] = !stack[sp - 1]; break;
                case ConstraintExpr.And: sp--; stack[sp - 1] &= stack[sp]; break;
                case ConstraintExpr.Or: sp--; stack[sp - 1] |= stack[sp]; break;
                case ConstraintExpr.AttrCompare: stack[sp++] = CompareAttributes(p, s, t, e); break;
                case ConstraintExpr.NamesCompare:
                    SecurityContext c = (e.Attr & ConstraintExpr.Target) != 0 ? t
                        : (e.Attr & ConstraintExpr.XTarget) != 0 ? x ?? s : s;
                    int value = (e.Attr & ConstraintExpr.User) != 0 ? c.User
                        : (e.Attr & ConstraintExpr.Role) != 0 ? c.Role : c.Type;
                    bool listed = e.Names.Get(value - 1);
                    stack[sp++] = e.Op == ConstraintExpr.Eq ? listed : !listed;
                    break;
            }
        }
        return stack[0];
    }

    static bool CompareAttributes(PolicyDb p, in SecurityContext s, in SecurityContext t, ConstraintExpr e)
    {
        switch (e.Attr)
        {
            case ConstraintExpr.User: return (s.User == t.User) == (e.Op == ConstraintExpr.Eq);
            case ConstraintExpr.Type: return (s.Type == t.Type) == (e.Op == ConstraintExpr.Eq);
            case ConstraintExpr.Role:
                var r1 = p.Roles[s.Role - 1];
                var r2 = p.Roles[t.Role - 1];
                return e.Op switch
                {
                    ConstraintExpr.Eq => s.Role == t.Role,
                    ConstraintExpr.Neq => s.Role != t.Role,
                    ConstraintExpr.Dom => r1.Dominates.Get(t.Role - 1),
                    ConstraintExpr.DomBy => r2.Dominates.Get(s.Role - 1),
                    _ => !r1.Dominates.Get(t.Role - 1) && !r2.Dominates.Get(s.Role - 1),
                };
        }
        var (l1, l2) = e.Attr switch
        {
            ConstraintExpr.L1L2 => (s.Range.Low, t.Range.Low),
            ConstraintExpr.L1H2 => (s.Range.Low, t.Range.High),
            ConstraintExpr.H1L2 => (s.Range.High, t.Range.Low),
            ConstraintExpr.H1H2 => (s.Range.High, t.Range.High),
            ConstraintExpr.L1H1 => (s.Range.Low, s.Range.High),
            _ => (t.Range.Low, t.Range.High),
        };
        return e.Op switch
        {
            ConstraintExpr.Eq => l1.Equals(l2),
            ConstraintExpr.Neq => !l1.Equals(l2),
            ConstraintExpr.Dom => l1.Dominates(l2),
            ConstraintExpr.DomBy => l2.Dominates(l1),
            _ => l1.Incomparable(l2),
        };
    }
}
