using Cloister.Flask.Model;

namespace Cloister.Flask.Server;

/// <summary>Evaluates a postfix boolean expression of a conditional block.</summary>
internal static class ConditionalExpression
{
    /// <summary>The value, or null for a malformed expression (then neither branch applies, as in Xen).</summary>
    public static bool? Evaluate(CondExpr[] expr, bool[] bools)
    {
        Span<bool> stack = stackalloc bool[16];
        int sp = 0;
        foreach (var e in expr)
        {
            switch (e.Op)
            {
                case CondExpr.BoolRef:
                    if (sp == stack.Length || e.Bool < 1 || e.Bool > bools.Length) return null;
                    stack[sp++] = bools[e.Bool - 1];
                    break;
                case CondExpr.Not:
                    if (sp < 1) return null;
                    stack[sp - 1] = !stack[sp - 1];
                    break;
                default:
                    if (sp < 2) return null;
                    bool b = stack[--sp], a = stack[sp - 1];
                    stack[sp - 1] = e.Op switch
                    {
                        CondExpr.Or => a || b,
                        CondExpr.And => a && b,
                        CondExpr.Xor => a ^ b,
                        CondExpr.Eq => a == b,
                        CondExpr.Neq => a != b,
                        _ => false,
                    };
                    break;
            }
        }
        return sp == 1 ? stack[0] : null;
    }
}
