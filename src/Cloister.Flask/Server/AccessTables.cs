using Cloister.Flask.Model;

namespace Cloister.Flask.Server;

/// <summary>allow / auditallow / dontaudit vectors of one (source, target, class) key, merged.</summary>
internal struct AvVectors
{
    public uint Allowed, AuditAllow, AuditDeny;
    public static AvVectors Empty => new() { AuditDeny = uint.MaxValue };

    public void Add(ushort kind, uint data)
    {
        switch (kind)
        {
            case AvKind.Allowed: Allowed |= data; break;
            case AvKind.AuditAllow: AuditAllow |= data; break;
            case AvKind.AuditDeny: AuditDeny &= data; break;
        }
    }
}

/// <summary>
/// The policy's rule tables indexed for lookup: access vectors by (source, target, class)
/// and type rules by (source, target, class, kind). Conditional rules are folded in for one
/// set of boolean values; a boolean commit builds a new instance of the conditional part.
/// </summary>
internal sealed class AccessTables
{
    readonly Dictionary<ulong, AvVectors> av = [];
    readonly Dictionary<ulong, int> typeRules = [];
    readonly Dictionary<ulong, AvVectors> condAv = [];
    readonly Dictionary<ulong, int> condTypeRules = [];

    public static ulong AvKey(int source, int target, int cls) => (ulong)source << 32 | (ulong)target << 16 | (uint)cls;
    static ulong TypeKey(int source, int target, int cls, int kind) => AvKey(source, target, cls) | (ulong)kind << 48;

    public AccessTables(PolicyDb p, bool[] bools)
    {
        foreach (var e in p.AvTab) Insert(e, av, typeRules);
        foreach (var node in p.Conditionals)
        {
            bool? value = ConditionalExpression.Evaluate(node.Expr, bools);
            if (value is null) continue;
            foreach (var e in value.Value ? node.TrueRules : node.FalseRules)
                Insert(e, condAv, condTypeRules);
        }
    }

    static void Insert(AvEntry e, Dictionary<ulong, AvVectors> avMap, Dictionary<ulong, int> typeMap)
    {
        if ((e.Kind & AvKind.AccessMask) != 0)
        {
            ulong key = AvKey(e.Source, e.Target, e.Class);
            if (!avMap.TryGetValue(key, out var v)) v = AvVectors.Empty;
            v.Add(e.Kind, e.Data);
            avMap[key] = v;
        }
        else
            typeMap.TryAdd(TypeKey(e.Source, e.Target, e.Class, e.Kind), (int)e.Data);   // the first rule wins, as in Xen
    }

    /// <summary>Merges the vectors of every (source attribute, target attribute) pair, Xen's context_struct_compute_av loop.</summary>
    public AvVectors Lookup(int[] sourceAttrs, int[] targetAttrs, int cls)
    {
        var result = AvVectors.Empty;
        foreach (int s in sourceAttrs)
            foreach (int t in targetAttrs)
            {
                ulong key = AvKey(s + 1, t + 1, cls);
                if (av.TryGetValue(key, out var v))
                {
                    result.Allowed |= v.Allowed; result.AuditAllow |= v.AuditAllow; result.AuditDeny &= v.AuditDeny;
                }
                if (condAv.Count != 0 && condAv.TryGetValue(key, out v))
                {
                    result.Allowed |= v.Allowed; result.AuditAllow |= v.AuditAllow; result.AuditDeny &= v.AuditDeny;
                }
            }
        return result;
    }

    /// <summary>The type a type rule names for exactly these types, or 0. Unconditional rules come first.</summary>
    public int TypeRule(int source, int target, int cls, int kind)
    {
        ulong key = TypeKey(source, target, cls, kind);
        if (typeRules.TryGetValue(key, out int t)) return t;
        return condTypeRules.GetValueOrDefault(key);
    }
}
