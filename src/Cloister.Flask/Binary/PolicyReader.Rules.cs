using Cloister.Flask.Model;

namespace Cloister.Flask.Binary;

public sealed partial class PolicyReader
{
    /// <summary>Longest boolean expression accepted in a conditional block.</summary>
    const int MaxCondExprLength = 1000;
    /// <summary>Deepest boolean expression stack (libsepol's COND_EXPR_MAXDEPTH).</summary>
    const int MaxCondDepth = 10;

    AvEntry[] ReadAvTab(Symbols s, string what, bool conditional)
    {
        int nel = c.Count(what, 12);
        var entries = new AvEntry[nel];
        var seen = conditional ? null : new HashSet<(ushort, ushort, ushort, ushort)>();
        for (int i = 0; i < nel; i++)
        {
            ushort src = c.U16("rule source type"), tgt = c.U16("rule target type");
            ushort cls = c.U16("rule class"), kind = c.U16("rule kind");
            uint data = c.U32("rule data");
            // Conditional rules carry checkpolicy's "enabled now" flag; the state is recomputed from the booleans.
            if (conditional) kind &= unchecked((ushort)~AvKind.Enabled);
            if (src < 1 || src > s.Types.Length || tgt < 1 || tgt > s.Types.Length)
                throw c.Error($"{what}: rule names type {(src < 1 || src > s.Types.Length ? src : tgt)}, which does not exist");
            if (cls < 1 || cls > s.Classes.Length) throw c.Error($"{what}: rule names class {cls}, which does not exist");
            bool oneKind = kind is AvKind.Allowed or AvKind.AuditAllow or AvKind.AuditDeny
                or AvKind.Transition or AvKind.Member or AvKind.Change;
            if (!oneKind) throw c.Error($"{what}: rule kind 0x{kind:x} is not supported");
            if ((kind & AvKind.TypeMask) != 0 && (data < 1 || data > s.Types.Length))
                throw c.Error($"{what}: type rule gives type {data}, which does not exist");
            if (seen is not null && !seen.Add((src, tgt, cls, kind)))
                throw c.Error($"{what}: duplicate rule for {s.Types[src - 1].Name} {s.Types[tgt - 1].Name}:{s.Classes[cls - 1].Name}");
            entries[i] = new AvEntry(src, tgt, cls, kind, data);
        }
        return entries;
    }

    CondNode[] ReadConditionals(Symbols s)
    {
        int count = c.Count("conditional block", 16);
        var nodes = new CondNode[count];
        for (int i = 0; i < count; i++)
        {
            uint state = c.U32("conditional state");
            if (state > 1) throw c.Error($"conditional block state {state} is not 0 or 1");
            int nexpr = c.Count("conditional expression", 8);
            if (nexpr < 1 || nexpr > MaxCondExprLength) throw c.Error($"conditional expression length {nexpr} is out of range");
            var expr = new CondExpr[nexpr];
            int depth = 0;
            for (int j = 0; j < nexpr; j++)
            {
                int op = c.Int("conditional operator");
                int b = c.Int("conditional boolean");
                switch (op)
                {
                    case CondExpr.BoolRef:
                        if (b < 1 || b > s.Bools.Length) throw c.Error($"conditional names boolean {b}, which does not exist");
                        if (++depth > MaxCondDepth) throw c.Error("conditional expression is too deep");
                        break;
                    case CondExpr.Not:
                        if (depth < 1) throw c.Error("conditional '!' has no operand");
                        break;
                    case >= CondExpr.Or and <= CondExpr.Neq:
                        if (depth < 2) throw c.Error("conditional operator lacks operands");
                        depth--;
                        break;
                    default:
                        throw c.Error($"conditional operator {op} is unknown");
                }
                expr[j] = new CondExpr(op, op == CondExpr.BoolRef ? b : 0);
            }
            if (depth != 1) throw c.Error("conditional expression does not reduce to one value");
            var whenTrue = ReadAvTab(s, "conditional rule list", conditional: true);
            var whenFalse = ReadAvTab(s, "conditional rule list", conditional: true);
            nodes[i] = new CondNode(expr, whenTrue, whenFalse);
        }
        return nodes;
    }

    RoleTransition[] ReadRoleTransitions(Symbols s)
    {
        bool hasClass = version >= VersionRoleTrans;
        int count = c.Count("role transition", hasClass ? 16 : 12);
        var list = new RoleTransition[count];
        for (int i = 0; i < count; i++)
        {
            int role = c.Int("role transition role"), type = c.Int("role transition type");
            int newRole = c.Int("role transition new role");
            int cls = hasClass ? c.Int("role transition class") : s.ClassByName.GetValueOrDefault("domain");
            if (role < 1 || role > s.Roles.Length || newRole < 1 || newRole > s.Roles.Length ||
                type < 1 || type > s.Types.Length || cls < 1 || cls > s.Classes.Length)
                throw c.Error("role transition names a role, type or class that does not exist");
            list[i] = new RoleTransition(role, type, newRole, cls);
        }
        return list;
    }

    RoleAllow[] ReadRoleAllows(Symbols s)
    {
        int count = c.Count("role allow", 8);
        var list = new RoleAllow[count];
        for (int i = 0; i < count; i++)
        {
            int role = c.Int("role allow role"), newRole = c.Int("role allow new role");
            if (role < 1 || role > s.Roles.Length || newRole < 1 || newRole > s.Roles.Length)
                throw c.Error("role allow names a role that does not exist");
            list[i] = new RoleAllow(role, newRole);
        }
        return list;
    }

    RangeTransition[] ReadRangeTransitions(Symbols s)
    {
        int count = c.Count("range transition", 24);
        if (count != 0 && !mls) throw c.Error("a non-MLS policy has range transitions");
        var list = new RangeTransition[count];
        for (int i = 0; i < count; i++)
        {
            int src = c.Int("range transition source"), tgt = c.Int("range transition target");
            int cls = c.Int("range transition class");
            var range = ReadRange("range transition");
            if (src < 1 || src > s.Types.Length || tgt < 1 || tgt > s.Types.Length || cls < 1 || cls > s.Classes.Length)
                throw c.Error("range transition names a type or class that does not exist");
            if (!RangeIsValid(s, range)) throw c.Error("range transition has an invalid range");
            list[i] = new RangeTransition(src, tgt, cls, range);
        }
        return list;
    }

    /// <summary>Most (type, attribute) pairs accepted, so a hostile map cannot demand gigabytes.</summary>
    const int MaxTypeAttributePairs = 1 << 24;

    /// <summary>For each type its attributes; the type itself is added, as Xen does.</summary>
    int[][] ReadTypeAttributeMap(Symbols s)
    {
        var map = new int[s.Types.Length][];
        long pairs = 0;
        for (int t = 0; t < map.Length; t++)
        {
            var bits = Ebitmap.Read(c, $"type attribute map of {s.Types[t].Name}");
            CheckBits(bits, s.Types.Length, $"type attribute map of {s.Types[t].Name}");
            var set = new SortedSet<int> { t };
            foreach (int a in bits.Bits)
            {
                if (a != t && !s.Types[a].IsAttribute)
                    throw c.Error($"type attribute map of {s.Types[t].Name} names {s.Types[a].Name}, which is not an attribute");
                if (++pairs > MaxTypeAttributePairs) throw c.Error("type attribute map is too large");
                set.Add(a);
            }
            map[t] = [.. set];
        }
        return map;
    }
}
