using Cloister.Flask.Model;

namespace Cloister.Flask.Binary;

public sealed partial class PolicyReader
{
    /// <summary>The eight symbol tables while they are being read.</summary>
    sealed class Symbols
    {
        public CommonDatum[] Commons = [];
        public ClassDatum[] Classes = [];
        public RoleDatum[] Roles = [];
        public TypeDatum[] Types = [];
        public UserDatum[] Users = [];
        public BoolDatum[] Bools = [];
        public SensitivityDatum[] Sensitivities = [];
        public CategoryDatum[] Categories = [];
        public Ebitmap[] SensitivityCategories = [];
        public Dictionary<string, int> CommonByName = [], ClassByName = [], RoleByName = [], TypeByName = [],
            UserByName = [], BoolByName = [], SensitivityByName = [], CategoryByName = [];
    }

    Symbols ReadSymbols()
    {
        var s = new Symbols();
        s.Commons = ReadTable("common", 16, s.CommonByName, ReadCommon);
        var commonsByName = s.Commons.ToDictionary(x => x.Name);
        // Classes, roles and users name other symbols: read them raw, check them once all tables are known.
        var pendingClasses = ReadTable("class", 24, s.ClassByName, (nprim, byName) => ReadClass(commonsByName, byName));
        // A role value without an entry belonged to a role attribute: it holds no type, so no context can use it.
        s.Roles = ReadTable("role", 12, s.RoleByName, ReadRole,
            hole: v => new RoleDatum($"<role attribute {v}>", v, 0, Ebitmap.Empty, Ebitmap.Empty));
        s.Types = ReadTypes(s.TypeByName);
        s.Users = ReadTable("user", 12, s.UserByName, ReadUser);
        s.Bools = ReadTable("boolean", 12, s.BoolByName, ReadBool);
        ReadSensitivities(s);
        s.Categories = ReadCategories(s.CategoryByName);
        s.Classes = pendingClasses;

        CheckSymbolReferences(s);
        return s;
    }

    /// <summary>
    /// Reads one symbol table: (nprim, nel) and nel entries with distinct values in 1..nprim.
    /// Returns the entries indexed by value - 1. Only a table with a <paramref name="hole"/>
    /// maker may leave values unused (role attributes leave gaps in the role values).
    /// </summary>
    T[] ReadTable<T>(string what, int minEntryBytes, Dictionary<string, int> byName,
        Func<int, Dictionary<string, int>, (string Name, int Value, T Datum)> readEntry, Func<int, T>? hole = null)
    {
        uint nprim = c.U32(what + " table size");
        int nel = c.Count(what + " table entry", minEntryBytes);
        // Gaps are bounded by the entries read, so a hostile size cannot make us allocate placeholders for nothing.
        if (nprim < nel || (hole is null && nprim != nel) || nprim > 4L * nel + 256)
            throw c.Error($"{what} table lists {nel} entries for {nprim} values");
        var items = new T[nprim];
        var filled = new bool[nprim];
        for (int i = 0; i < nel; i++)
        {
            var (name, value, datum) = readEntry((int)nprim, byName);
            if (value < 1 || value > nprim) throw c.Error($"{what} '{name}' has value {value}, outside 1..{nprim}");
            if (filled[value - 1]) throw c.Error($"{what} '{name}' reuses value {value}");
            if (!byName.TryAdd(name, value)) throw c.Error($"{what} '{name}' is declared twice");
            filled[value - 1] = true;
            items[value - 1] = datum;
        }
        for (int v = 0; v < nprim; v++)
            if (!filled[v]) items[v] = hole!(v + 1);
        return items;
    }

    string?[] ReadPermissions(int count, int nprim, string owner, string?[] perms, HashSet<string> seen)
    {
        for (int i = 0; i < count; i++)
        {
            int len = c.NameLength("permission");
            uint value = c.U32("permission value");
            string name = c.Name(len, "permission");
            if (value < 1 || value > nprim) throw c.Error($"permission '{name}' of {owner} has value {value}, outside 1..{nprim}");
            if (perms[value - 1] is not null || !seen.Add(name)) throw c.Error($"permission '{name}' of {owner} is declared twice");
            perms[value - 1] = name;
        }
        return perms;
    }

    (string, int, CommonDatum) ReadCommon(int nprim, Dictionary<string, int> byName)
    {
        int len = c.NameLength("common");
        int value = c.Int("common value");
        uint permPrim = c.U32("common permission count");
        int permCount = c.Count("common permission", 12);
        string name = c.Name(len, "common");
        if (permPrim > 32 || permCount > permPrim) throw c.Error($"common '{name}' has {permCount} of {permPrim} permissions (at most 32)");
        var perms = ReadPermissions(permCount, (int)permPrim, "common " + name, new string?[permPrim], []);
        if (perms.Any(p => p is null)) throw c.Error($"common '{name}' leaves a permission value unused");
        return (name, value, new CommonDatum(name, value, perms!));
    }

    (string, int, ClassDatum) ReadClass(Dictionary<string, CommonDatum> commons, Dictionary<string, int> byName)
    {
        int len = c.NameLength("class");
        uint commonLen = c.U32("class common name length");
        int value = c.Int("class value");
        uint permPrim = c.U32("class permission count");
        int permCount = c.Count("class permission", 12);
        int consCount = c.Count("class constraint", 8);
        string name = c.Name(len, "class");
        if (commonLen > PolicyCursor.MaxNameLength) throw c.Error($"class '{name}' common name length {commonLen} is too large");
        string? commonName = commonLen == 0 ? null : c.Name((int)commonLen, "class common");
        if (permPrim > 32) throw c.Error($"class '{name}' has {permPrim} permissions (at most 32)");

        var perms = new string?[permPrim];
        var seen = new HashSet<string>();
        if (commonName is not null)
        {
            if (!commons.TryGetValue(commonName, out var common)) throw c.Error($"class '{name}' inherits unknown common '{commonName}'");
            if (common.Permissions.Length > permPrim) throw c.Error($"class '{name}' has fewer permissions than its common '{commonName}'");
            for (int i = 0; i < common.Permissions.Length; i++) { perms[i] = common.Permissions[i]; seen.Add(common.Permissions[i]); }
        }
        ReadPermissions(permCount, (int)permPrim, "class " + name, perms, seen);
        if (perms.Any(p => p is null)) throw c.Error($"class '{name}' leaves a permission value unused");

        var constraints = ReadConstraints(consCount, "class " + name, allowXTarget: false);
        var validateTrans = ReadConstraints(c.Count("validatetrans", 8), "class " + name + " validatetrans", allowXTarget: true);
        int du = 0, dr = 0, drange = 0, dt = 0;
        if (version >= VersionObjectDefaults)
        {
            du = c.Int("default user"); dr = c.Int("default role"); drange = c.Int("default range");
            if (du is < 0 or > 2 || dr is < 0 or > 2 || drange is < 0 or > 7) throw c.Error($"class '{name}' has an unknown labelling default");
        }
        if (version >= VersionDefaultType)
        {
            dt = c.Int("default type");
            if (dt is < 0 or > 2) throw c.Error($"class '{name}' has an unknown default type");
        }
        return (name, value, new ClassDatum
        {
            Name = name, Value = value, CommonName = commonName, Permissions = perms,
            Constraints = constraints, ValidateTrans = validateTrans,
            DefaultUser = du, DefaultRole = dr, DefaultRange = drange, DefaultType = dt,
        });
    }

    (string, int, RoleDatum) ReadRole(int nprim, Dictionary<string, int> byName)
    {
        int len = c.NameLength("role");
        int value = c.Int("role value");
        int bounds = c.Int("role bounds");
        string name = c.Name(len, "role");
        var dominates = Ebitmap.Read(c, "role " + name + " dominance");
        var types = Ebitmap.Read(c, "role " + name + " types");
        if ((name == "object_r") != (value == PolicyDb.ObjectRole))
            throw c.Error($"role '{name}' has value {value}; object_r must be role {PolicyDb.ObjectRole}");
        return (name, value, new RoleDatum(name, value, bounds, dominates, types));
    }

    // Type properties written by libsepol for kernel policies.
    const uint TypePrimary = 1, TypeAttribute = 2;

    /// <summary>Types, attributes and aliases: aliases are extra entries carrying their primary's value.</summary>
    TypeDatum[] ReadTypes(Dictionary<string, int> byName)
    {
        uint nprim = c.U32("type table size");
        int nel = c.Count("type table entry", 17);
        if (nprim > nel || nprim > Ebitmap.MaxBit) throw c.Error($"type table lists {nel} entries for {nprim} values");
        var types = new TypeDatum?[nprim];
        var aliases = new List<(string Name, int Value)>();
        for (int i = 0; i < nel; i++)
        {
            int len = c.NameLength("type");
            int value = c.Int("type value");
            uint props = c.U32("type properties");
            int bounds = c.Int("type bounds");
            string name = c.Name(len, "type");
            if (value < 1 || value > nprim) throw c.Error($"type '{name}' has value {value}, outside 1..{nprim}");
            if ((props & ~(TypePrimary | TypeAttribute)) != 0) throw c.Error($"type '{name}' has unknown properties 0x{props:x}");
            if (bounds < 0 || bounds > nprim) throw c.Error($"type '{name}' is bounded by unknown type {bounds}");
            if (!byName.TryAdd(name, value)) throw c.Error($"type '{name}' is declared twice");
            if ((props & TypePrimary) == 0) { aliases.Add((name, value)); continue; }
            if (types[value - 1] is not null) throw c.Error($"type '{name}' reuses value {value}");
            types[value - 1] = new TypeDatum(name, value, (props & TypeAttribute) != 0, bounds);
        }
        for (int v = 0; v < nprim; v++)
            if (types[v] is null) throw c.Error($"type value {v + 1} has no primary name");
        foreach (var (alias, value) in aliases)
            if (types[value - 1]!.IsAttribute) throw c.Error($"alias '{alias}' names an attribute");
        return types!;
    }

    (string, int, UserDatum) ReadUser(int nprim, Dictionary<string, int> byName)
    {
        int len = c.NameLength("user");
        int value = c.Int("user value");
        int bounds = c.Int("user bounds");
        string name = c.Name(len, "user");
        var roles = Ebitmap.Read(c, "user " + name + " roles");
        var range = ReadRange("user " + name);
        var dflt = ReadLevel("user " + name + " default");
        return (name, value, new UserDatum(name, value, bounds, roles, range, dflt));
    }

    (string, int, BoolDatum) ReadBool(int nprim, Dictionary<string, int> byName)
    {
        int value = c.Int("boolean value");
        uint state = c.U32("boolean state");
        int len = c.NameLength("boolean");
        string name = c.Name(len, "boolean");
        if (state > 1) throw c.Error($"boolean '{name}' has state {state}, not 0 or 1");
        return (name, value, new BoolDatum(name, value, state == 1));
    }

    void ReadSensitivities(Symbols s)
    {
        uint nprim = c.U32("sensitivity table size");
        int nel = c.Count("sensitivity entry", 24);
        if (nprim > nel) throw c.Error($"sensitivity table lists {nel} entries for {nprim} values");
        var primary = new SensitivityDatum?[nprim];
        var all = new List<SensitivityDatum>();
        for (int i = 0; i < nel; i++)
        {
            int len = c.NameLength("sensitivity");
            uint isAlias = c.U32("sensitivity alias flag");
            string name = c.Name(len, "sensitivity");
            var level = ReadLevel("sensitivity " + name);
            if (isAlias > 1) throw c.Error($"sensitivity '{name}' has alias flag {isAlias}");
            if (level.Sensitivity < 1 || level.Sensitivity > nprim) throw c.Error($"sensitivity '{name}' has value {level.Sensitivity}, outside 1..{nprim}");
            if (!s.SensitivityByName.TryAdd(name, level.Sensitivity)) throw c.Error($"sensitivity '{name}' is declared twice");
            var datum = new SensitivityDatum(name, isAlias == 1, level);
            all.Add(datum);
            if (isAlias == 0)
            {
                if (primary[level.Sensitivity - 1] is not null) throw c.Error($"sensitivity '{name}' reuses value {level.Sensitivity}");
                primary[level.Sensitivity - 1] = datum;
            }
        }
        for (int v = 0; v < nprim; v++)
            if (primary[v] is null) throw c.Error($"sensitivity value {v + 1} has no primary name");
        s.Sensitivities = primary!;
        s.SensitivityCategories = [.. primary.Select(p => p!.Level.Categories)];
    }

    CategoryDatum[] ReadCategories(Dictionary<string, int> byName)
    {
        uint nprim = c.U32("category table size");
        int nel = c.Count("category entry", 13);
        if (nprim > nel) throw c.Error($"category table lists {nel} entries for {nprim} values");
        var primary = new CategoryDatum?[nprim];
        for (int i = 0; i < nel; i++)
        {
            int len = c.NameLength("category");
            int value = c.Int("category value");
            uint isAlias = c.U32("category alias flag");
            string name = c.Name(len, "category");
            if (value < 1 || value > nprim) throw c.Error($"category '{name}' has value {value}, outside 1..{nprim}");
            if (isAlias > 1) throw c.Error($"category '{name}' has alias flag {isAlias}");
            if (!byName.TryAdd(name, value)) throw c.Error($"category '{name}' is declared twice");
            if (isAlias == 0)
            {
                if (primary[value - 1] is not null) throw c.Error($"category '{name}' reuses value {value}");
                primary[value - 1] = new CategoryDatum(name, value, false);
            }
        }
        for (int v = 0; v < nprim; v++)
            if (primary[v] is null) throw c.Error($"category value {v + 1} has no primary name");
        return primary!;
    }

    /// <summary>Cross-table checks: every value a symbol names must exist.</summary>
    void CheckSymbolReferences(Symbols s)
    {
        foreach (var r in s.Roles)
        {
            if (r.Bounds > s.Roles.Length) throw c.Error($"role '{r.Name}' is bounded by unknown role {r.Bounds}");
            CheckBits(r.Dominates, s.Roles.Length, $"role '{r.Name}' dominance");
            CheckBits(r.Types, s.Types.Length, $"role '{r.Name}' types");
        }
        foreach (var u in s.Users)
        {
            if (u.Bounds > s.Users.Length) throw c.Error($"user '{u.Name}' is bounded by unknown user {u.Bounds}");
            CheckBits(u.Roles, s.Roles.Length, $"user '{u.Name}' roles");
            if (mls && (!RangeIsValid(s, u.Range) || !LevelIsValid(s, u.DefaultLevel) || !u.Range.Contains(new(u.DefaultLevel, u.DefaultLevel))))
                throw c.Error($"user '{u.Name}' has an invalid MLS range or default level");
        }
        foreach (var sens in s.Sensitivities)
            CheckBits(sens.Level.Categories, s.Categories.Length, $"sensitivity '{sens.Name}' categories");
        foreach (var cls in s.Classes)
            foreach (var cons in cls.Constraints.Concat(cls.ValidateTrans))
                foreach (var e in cons.Expr)
                    if (e.ExprType == ConstraintExpr.NamesCompare)
                    {
                        int limit = (e.Attr & ConstraintExpr.User) != 0 ? s.Users.Length
                            : (e.Attr & ConstraintExpr.Role) != 0 ? s.Roles.Length : s.Types.Length;
                        CheckBits(e.Names, limit, $"constraint of class '{cls.Name}'");
                    }
        if (!mls && (s.Sensitivities.Length != 0 || s.Categories.Length != 0))
            throw c.Error("a non-MLS policy declares sensitivities or categories");
    }

    /// <summary>Bits are value - 1: all must be below <paramref name="count"/>.</summary>
    void CheckBits(Ebitmap map, int count, string what)
    {
        if (map.Length > count) throw c.Error($"{what} names value {map.Length}, but only {count} exist");
    }
}
