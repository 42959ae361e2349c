using Cloister.Flask.Model;

namespace Cloister.Flask.Binary;

public sealed partial class PolicyReader
{
    MlsLevel ReadLevel(string what)
    {
        int sens = c.Int(what + " level sensitivity");
        var cats = Ebitmap.Read(c, what + " level");
        if (sens < 0) throw c.Error($"{what} level has sensitivity {sens}");
        return new MlsLevel(sens, cats);
    }

    /// <summary>A range: a count (1 = low only, 2 = low and high), the sensitivities, then the category maps.</summary>
    MlsRange ReadRange(string what)
    {
        uint n = c.U32(what + " range item count");
        if (n is < 1 or > 2) throw c.Error($"{what} range has {n} levels, expected 1 or 2");
        int lowSens = c.Int(what + " range low sensitivity");
        int highSens = n == 2 ? c.Int(what + " range high sensitivity") : lowSens;
        var lowCats = Ebitmap.Read(c, what + " range low");
        var highCats = n == 2 ? Ebitmap.Read(c, what + " range high") : lowCats;
        if (lowSens < 0 || highSens < 0) throw c.Error($"{what} range has a negative sensitivity");
        return new MlsRange(new MlsLevel(lowSens, lowCats), new MlsLevel(highSens, highCats));
    }

    static bool LevelIsValid(Symbols s, MlsLevel level) =>
        level.Sensitivity >= 1 && level.Sensitivity <= s.Sensitivities.Length &&
        level.Categories.IsSubsetOf(s.SensitivityCategories[level.Sensitivity - 1]);

    static bool RangeIsValid(Symbols s, MlsRange r) =>
        LevelIsValid(s, r.Low) && LevelIsValid(s, r.High) && r.High.Dominates(r.Low);

    /// <summary>A context in an object context or initial SID entry; it must be valid for the policy.</summary>
    SecurityContext ReadContext(Symbols s, string what)
    {
        int user = c.Int(what + " context user");
        int role = c.Int(what + " context role");
        int type = c.Int(what + " context type");
        var range = ReadRange(what + " context");
        if (!mls) range = MlsRange.None;
        var ctx = new SecurityContext(user, role, type, range);
        if (!ContextIsValid(s, ctx, mls)) throw c.Error($"{what} has an invalid context");
        return ctx;
    }

    /// <summary>Xen's policydb_context_isvalid: symbols exist, the role may hold the type, the user the role and range.</summary>
    static bool ContextIsValid(Symbols s, SecurityContext ctx, bool mls)
    {
        if (ctx.User < 1 || ctx.User > s.Users.Length || ctx.Role < 1 || ctx.Role > s.Roles.Length ||
            ctx.Type < 1 || ctx.Type > s.Types.Length)
            return false;
        if (ctx.Role != PolicyDb.ObjectRole)
        {
            if (!s.Roles[ctx.Role - 1].Types.Get(ctx.Type - 1)) return false;
            if (!s.Users[ctx.User - 1].Roles.Get(ctx.Role - 1)) return false;
        }
        if (!mls) return true;
        if (!RangeIsValid(s, ctx.Range)) return false;
        return ctx.Role == PolicyDb.ObjectRole || s.Users[ctx.User - 1].Range.Contains(ctx.Range);
    }
}
