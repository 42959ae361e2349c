using Cloister.Flask.Model;

namespace Cloister.Flask.Server;

/// <summary>Whether a context may exist under a policy (Xen's policydb_context_isvalid and mls_context_isvalid).</summary>
public static class ContextValidity
{
    public static bool IsValid(PolicyDb p, SecurityContext c)
    {
        if (c.User < 1 || c.User > p.Users.Length || c.Role < 1 || c.Role > p.Roles.Length ||
            c.Type < 1 || c.Type > p.Types.Length || p.Types[c.Type - 1].IsAttribute)
            return false;
        if (c.Role != PolicyDb.ObjectRole)
        {
            if (!p.Roles[c.Role - 1].Types.Get(c.Type - 1)) return false;
            if (!p.Users[c.User - 1].Roles.Get(c.Role - 1)) return false;
        }
        if (!p.Mls) return true;
        if (!LevelIsValid(p, c.Range.Low) || !LevelIsValid(p, c.Range.High) || !c.Range.High.Dominates(c.Range.Low))
            return false;
        return c.Role == PolicyDb.ObjectRole || p.Users[c.User - 1].Range.Contains(c.Range);
    }

    public static bool LevelIsValid(PolicyDb p, MlsLevel l) =>
        l.Sensitivity >= 1 && l.Sensitivity <= p.Sensitivities.Length &&
        l.Categories.IsSubsetOf(p.SensitivityCategories[l.Sensitivity - 1]);

    /// <summary>Why a parsed context is not valid, for error messages.</summary>
    public static string Explain(PolicyDb p, SecurityContext c)
    {
        if (c.Role != PolicyDb.ObjectRole && !p.Roles[c.Role - 1].Types.Get(c.Type - 1))
            return $"role {p.Roles[c.Role - 1].Name} may not hold type {p.Types[c.Type - 1].Name}";
        if (c.Role != PolicyDb.ObjectRole && !p.Users[c.User - 1].Roles.Get(c.Role - 1))
            return $"user {p.Users[c.User - 1].Name} may not take role {p.Roles[c.Role - 1].Name}";
        return "the MLS range is invalid or outside the user's range";
    }
}
