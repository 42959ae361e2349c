using Cloister.Flask.Model;

namespace Cloister.Flask.Binary;

public sealed partial class PolicyReader
{
    /// <summary>Deepest expression stack Xen evaluates (CEXPR_MAXDEPTH).</summary>
    const int MaxConstraintDepth = 5;

    Constraint[] ReadConstraints(int count, string owner, bool allowXTarget)
    {
        var list = new Constraint[count];
        for (int i = 0; i < count; i++)
        {
            uint perms = c.U32("constraint permissions");
            int nexpr = c.Count("constraint expression", 12);
            var expr = new ConstraintExpr[nexpr];
            int depth = 0;
            for (int j = 0; j < nexpr; j++)
            {
                int type = c.Int("constraint expression type");
                int attr = c.Int("constraint expression attribute");
                int op = c.Int("constraint expression operator");
                var names = Ebitmap.Empty;
                switch (type)
                {
                    case ConstraintExpr.Not:
                        if (depth < 1) throw c.Error($"{owner}: constraint 'not' has no operand");
                        break;
                    case ConstraintExpr.And or ConstraintExpr.Or:
                        if (depth < 2) throw c.Error($"{owner}: constraint 'and'/'or' lacks operands");
                        depth--;
                        break;
                    case ConstraintExpr.AttrCompare:
                        CheckAttrCompare(owner, attr, op);
                        if (++depth > MaxConstraintDepth) throw c.Error($"{owner}: constraint expression is too deep");
                        break;
                    case ConstraintExpr.NamesCompare:
                        CheckNamesCompare(owner, attr, op, allowXTarget);
                        names = Ebitmap.Read(c, owner + " constraint names");
                        if (version >= VersionConstraintNames)
                        {
                            // The type set the names came from: kept by checkpolicy for policy analysis only.
                            Ebitmap.Read(c, owner + " constraint type set");
                            Ebitmap.Read(c, owner + " constraint negated type set");
                            c.U32("constraint type set flags");
                        }
                        if (++depth > MaxConstraintDepth) throw c.Error($"{owner}: constraint expression is too deep");
                        break;
                    default:
                        throw c.Error($"{owner}: unknown constraint expression type {type}");
                }
                expr[j] = new ConstraintExpr(type, attr, op, names);
            }
            if (depth != 1) throw c.Error($"{owner}: constraint expression does not reduce to one value");
            list[i] = new Constraint(perms, expr);
        }
        return list;
    }

    void CheckAttrCompare(string owner, int attr, int op)
    {
        bool ok = attr switch
        {
            ConstraintExpr.User or ConstraintExpr.Type => op is ConstraintExpr.Eq or ConstraintExpr.Neq,
            ConstraintExpr.Role => op is >= ConstraintExpr.Eq and <= ConstraintExpr.Incomp,
            ConstraintExpr.L1L2 or ConstraintExpr.L1H2 or ConstraintExpr.H1L2 or ConstraintExpr.H1H2
                or ConstraintExpr.L1H1 or ConstraintExpr.L2H2 => op is >= ConstraintExpr.Eq and <= ConstraintExpr.Incomp,
            _ => false,
        };
        if (!ok) throw c.Error($"{owner}: constraint compares attribute {attr} with operator {op}");
    }

    void CheckNamesCompare(string owner, int attr, int op, bool allowXTarget)
    {
        int which = attr & (ConstraintExpr.User | ConstraintExpr.Role | ConstraintExpr.Type);
        int side = attr & ~(ConstraintExpr.User | ConstraintExpr.Role | ConstraintExpr.Type);
        bool sideOk = side == 0 || side == ConstraintExpr.Target || (allowXTarget && side == ConstraintExpr.XTarget);
        if (which is not (ConstraintExpr.User or ConstraintExpr.Role or ConstraintExpr.Type) || !sideOk ||
            op is not (ConstraintExpr.Eq or ConstraintExpr.Neq))
            throw c.Error($"{owner}: constraint name list with attribute {attr} and operator {op}");
    }
}
