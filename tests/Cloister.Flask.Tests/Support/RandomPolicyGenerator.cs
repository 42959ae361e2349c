using System.Text;

namespace Cloister.Flask.Tests.Support;

/// <summary>
/// Writes random policy.conf files over the project's own classes, initial SIDs and
/// permissions (policy/flask): types, aliases, attributes (declared and by typeattribute),
/// permissive types, role attributes, allow/auditallow/dontaudit rules with attributes, self, '*' and '~',
/// type_transition/member/change rules, booleans and conditional blocks with else
/// branches, and optionally constraints (and MLS constraints) over users, roles and types.
/// </summary>
internal sealed class RandomPolicyGenerator(int seed, bool mls, bool constraints = false)
{
    readonly Random rng = new(seed);
    public List<string> Types { get; } = [];
    public List<string> Aliases { get; } = [];
    public List<string> Attributes { get; } = [];
    public List<string> Bools { get; } = [];
    public Dictionary<string, string[]> Classes { get; } = ReadAccessVectors();
    /// <summary>(kind, source, target, class) of every type rule written.</summary>
    public List<(string Kind, string Source, string Target, string Class)> TypeRuleKeys { get; } = [];
    /// <summary>Classes the allow rules use: constraints and queries favour them so that constraints bite.</summary>
    readonly List<string> ruleClasses = [];
    /// <summary>Classes with a constraint: constraint tests ask about them more often.</summary>
    readonly List<string> constrainedClasses = [];

    // Users and the roles they may take: queries pick valid pairs, so constraints over u and r bite.
    static readonly (string User, string[] Roles)[] Users = [("system_u", ["system_r", "vm_r"]), ("user_u", ["vm_r"])];
    static readonly string[] Ranges = ["s0", "s1:c1", "s0-s2:c0.c3", "s2:c0,c2", "s1-s2:c1.c3"];

    static readonly string FlaskDir = Path.Combine(TestPaths.PolicyDir, "flask");

    /// <summary>Class name to its permissions, in declaration order, from policy/flask/access_vectors.</summary>
    static Dictionary<string, string[]> ReadAccessVectors()
    {
        var classes = new Dictionary<string, string[]>();
        var words = File.ReadAllLines(Path.Combine(FlaskDir, "access_vectors"))
            .Select(l => l.Split('#')[0]).SelectMany(l => l.Split([' ', '\t', '{', '}'], StringSplitOptions.RemoveEmptyEntries)).ToList();
        for (int i = 0; i < words.Count;)
        {
            if (words[i] != "class") throw new InvalidOperationException("unexpected word " + words[i]);
            string name = words[i + 1];
            int j = i + 2;
            var perms = new List<string>();
            while (j < words.Count && words[j] != "class") perms.Add(words[j++]);
            classes[name] = [.. perms];
            i = j;
        }
        return classes;
    }

    T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];
    bool OneIn(int n) => rng.Next(n) == 0;

    public string Generate()
    {
        var sb = new StringBuilder();
        foreach (var f in new[] { "security_classes", "initial_sids", "access_vectors" })
            sb.AppendLine(File.ReadAllText(Path.Combine(FlaskDir, f)));
        int nTypes = rng.Next(3, 14), nAttrs = rng.Next(0, 6), nBools = rng.Next(0, 6);
        for (int i = 0; i < nTypes; i++) Types.Add($"t{i}_t");   // named now: MLS constraints come first in the file
        if (mls)
        {
            sb.AppendLine("sensitivity s0; sensitivity s1; sensitivity s2; dominance { s0 s1 s2 }");
            sb.AppendLine("category c0; category c1; category c2; category c3;");
            sb.AppendLine("level s0:c0.c3; level s1:c0.c3; level s2:c0.c3;");
            // The grammar wants one MLS statement; validatetrans never changes compute_av.
            sb.AppendLine("mlsvalidatetrans domain (l1 domby h1);");
            if (constraints)
                for (int i = rng.Next(1, 4); i > 0; i--) sb.AppendLine(Constraint("mlsconstrain", MlsConstraintExpr(0)));
        }

        for (int i = 0; i < nAttrs; i++) { Attributes.Add($"attr{i}"); sb.AppendLine($"attribute attr{i};"); }
        for (int i = 0; i < nTypes; i++)
        {
            var attrs = Attributes.Where(_ => OneIn(3)).ToList();
            sb.AppendLine($"type t{i}_t" + string.Concat(attrs.Select(a => ", " + a)) + ";");
        }
        for (int i = rng.Next(0, 3); i > 0 && Attributes.Count > 0; i--)
            sb.AppendLine($"typeattribute {Pick(Types)} {Pick(Attributes)};");
        for (int i = rng.Next(0, 3); i > 0; i--)
        {
            string alias = $"alias{Aliases.Count}_t";
            Aliases.Add(alias);
            sb.AppendLine($"typealias {Pick(Types)} alias {alias};");
        }
        if (OneIn(3)) sb.AppendLine($"permissive {Pick(Types)};");
        for (int i = 0; i < nBools; i++) { Bools.Add($"b{i}"); sb.AppendLine($"bool b{i} {(OneIn(2) ? "true" : "false")};"); }
        sb.AppendLine("role system_r;");
        sb.AppendLine("role vm_r;");
        sb.AppendLine($"role system_r types {{ {string.Join(' ', Types)} }};");
        if (OneIn(2))
        {
            // vm_r gets its types through a role attribute, which leaves a gap in the role values.
            sb.AppendLine("attribute_role guest_roles;");
            sb.AppendLine("roleattribute vm_r guest_roles;");
            sb.AppendLine($"role guest_roles types {{ {string.Join(' ', Types)} }};");
        }
        else
            sb.AppendLine($"role vm_r types {{ {string.Join(' ', Types)} }};");

        for (int i = rng.Next(1, 40); i > 0; i--) sb.AppendLine(AvRule());
        var typeRuleKeys = new HashSet<string>();
        for (int i = rng.Next(0, 6); i > 0; i--) sb.AppendLine(TypeRule(typeRuleKeys));
        for (int i = Bools.Count == 0 ? 0 : rng.Next(0, 6); i > 0; i--)
        {
            sb.AppendLine($"if ({CondExpr(0)}) {{");
            for (int k = rng.Next(1, 4); k > 0; k--) sb.AppendLine("  " + (OneIn(5) ? TypeRule(typeRuleKeys) : AvRule()));
            sb.Append('}');
            if (OneIn(2))
            {
                sb.AppendLine(" else {");
                for (int k = rng.Next(1, 4); k > 0; k--) sb.AppendLine("  " + (OneIn(5) ? TypeRule(typeRuleKeys) : AvRule()));
                sb.Append('}');
            }
            sb.AppendLine();
        }

        foreach (var (user, roles) in Users)
            sb.AppendLine($"user {user} roles {{ {string.Join(' ', roles)} }}" + (mls ? " level s0 range s0 - s2:c0.c3;" : ";"));
        if (constraints)
            for (int i = rng.Next(1, 4); i > 0; i--) sb.AppendLine(Constraint("constrain", ConstraintExpr(0)));
        foreach (var sid in File.ReadAllLines(Path.Combine(FlaskDir, "initial_sids")).Where(l => l.StartsWith("sid ")))
            sb.AppendLine($"{sid} system_u:system_r:{Pick(Types)}" + (mls ? ":s0" : ""));
        return sb.ToString();
    }

    string Perms(string cls)
    {
        if (OneIn(12)) return "*";
        var perms = Classes[cls].Where(_ => OneIn(4)).ToList();
        if (perms.Count == 0) perms.Add(Pick(Classes[cls]));
        return (OneIn(10) ? "~" : "") + "{ " + string.Join(' ', perms) + " }";
    }

    string AvRule()
    {
        string kind = rng.Next(10) switch { < 7 => "allow", < 9 => "auditallow", _ => "dontaudit" };
        var cls = Pick(Classes.Keys.ToList());
        ruleClasses.Add(cls);
        string target = OneIn(6) ? "self" : TypeSet();
        return $"{kind} {TypeSet()} {target}:{cls} {Perms(cls)};";
    }

    /// <summary>A type rule on single types, never twice for one key (checkpolicy refuses conflicts).</summary>
    string TypeRule(HashSet<string> keys)
    {
        string kind = Pick(new[] { "type_transition", "type_member", "type_change" });
        string s = Pick(Types), t = Pick(Types), cls = Pick(Classes.Keys.ToList());
        if (!keys.Add($"{kind} {s} {t} {cls}")) return "";
        TypeRuleKeys.Add((kind, s, t, cls));
        return $"{kind} {s} {t}:{cls} {Pick(Types)};";
    }

    /// <summary>A type, an alias, an attribute, or a set of them.</summary>
    string TypeSet()
    {
        var pool = Types.Concat(Attributes).Concat(Aliases).ToList();
        if (!OneIn(4)) return Pick(pool);
        var set = pool.Where(_ => OneIn(3)).Distinct().ToList();
        if (set.Count == 0) set.Add(Types[0]);
        return "{ " + string.Join(' ', set) + " }";
    }

    string CondExpr(int depth)
    {
        if (depth >= 2 || OneIn(3))
            return (OneIn(4) ? "!" : "") + Pick(Bools);
        string op = Pick(new[] { "&&", "||", "^", "==", "!=" });
        string e = $"{CondExpr(depth + 1)} {op} {CondExpr(depth + 1)}";
        return OneIn(4) ? $"!({e})" : $"({e})";
    }

    /// <summary>Constraints are written after the rules (MLS ones are emitted into the MLS section later).</summary>
    string Constraint(string keyword, string expr)
    {
        var cls = ruleClasses.Count > 0 && !OneIn(4) ? Pick(ruleClasses) : Pick(Classes.Keys.ToList());
        constrainedClasses.Add(cls);
        var perms = Classes[cls].Where(_ => !OneIn(4)).ToList();
        if (perms.Count == 0) perms.Add(Pick(Classes[cls]));
        return $"{keyword} {cls} {{ {string.Join(' ', perms)} }} {expr};";
    }

    string ConstraintExpr(int depth)
    {
        if (depth < 2 && !OneIn(3))
        {
            string a = ConstraintExpr(depth + 1), b = ConstraintExpr(depth + 1);
            return rng.Next(3) switch { 0 => $"({a} and {b})", 1 => $"({a} or {b})", _ => $"not ({a})" };
        }
        return rng.Next(6) switch
        {
            0 => $"(u1 {Pick(new[] { "==", "!=" })} u2)",
            1 => $"(r1 {Pick(new[] { "==", "!=" })} r2)",
            2 => $"(t1 {Pick(new[] { "==", "!=" })} t2)",
            3 => $"(t{rng.Next(1, 3)} {Pick(new[] { "==", "!=" })} {{ {string.Join(' ', Types.Concat(Attributes).Where(_ => OneIn(3)).DefaultIfEmpty(Types[0]))} }})",
            4 => $"(u{rng.Next(1, 3)} == {Pick(Users).User})",
            _ => $"(r{rng.Next(1, 3)} == {Pick(new[] { "system_r", "vm_r" })})",
        };
    }

    string MlsConstraintExpr(int depth)
    {
        if (depth < 1 && OneIn(2))
            return $"({MlsConstraintExpr(depth + 1)} {Pick(new[] { "and", "or" })} {MlsConstraintExpr(depth + 1)})";
        string pair = Pick(new[] { "l1 l2", "l1 h2", "h1 l2", "h1 h2", "l1 h1", "l2 h2" });
        string op = Pick(new[] { "eq", "dom", "domby", "incomp", "!=" });
        var parts = pair.Split(' ');
        return OneIn(4) ? $"(({parts[0]} {op} {parts[1]}) or (t1 == {Pick(Types)}))" : $"({parts[0]} {op} {parts[1]})";
    }

    /// <summary>Random queries over the generated types (and aliases), all classes, and valid users and roles.</summary>
    public List<AvQuery> Queries(int count)
    {
        var names = Types.Concat(Aliases).ToList();
        var queries = new List<AvQuery>();
        for (int i = 0; i < count; i++)
        {
            var (su, sroles) = Pick(Users);
            var (tu, troles) = Pick(Users);
            string cls = constrainedClasses.Count > 0 && OneIn(2) ? Pick(constrainedClasses)
                : ruleClasses.Count > 0 && OneIn(2) ? Pick(ruleClasses) : Pick(Classes.Keys.ToList());
            queries.Add(new AvQuery(Pick(names), Pick(names), cls,
                mls ? Pick(Ranges) : null, mls ? Pick(Ranges) : null)
            {
                SourceUser = su, TargetUser = tu,
                SourceRole = OneIn(3) ? "object_r" : Pick(sroles),
                TargetRole = OneIn(3) ? "object_r" : Pick(troles),
            });
        }
        return queries;
    }

    /// <summary>Random boolean values for every boolean.</summary>
    public Dictionary<string, bool> RandomBools() => Bools.ToDictionary(b => b, _ => OneIn(2));
}
