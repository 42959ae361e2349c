using Cloister.Flask.Model;

namespace Cloister.Flask.Server;

/// <summary>
/// Compares a policy with the classes and permissions the hypervisor uses. The numbering
/// must agree (the hooks pass numbers, not names); what the policy leaves out is then
/// governed by its handle_unknown flag: reject refuses the policy, deny and allow load it
/// (compute_av then denies or grants the missing classes and permissions).
/// </summary>
internal static class VocabularyCheck
{
    public static string? Problem(PolicyDb p, (string Name, string[] Permissions)[] vocabulary)
    {
        var missing = new List<string>();
        for (int c = 0; c < vocabulary.Length; c++)
        {
            var (name, perms) = vocabulary[c];
            if (c >= p.Classes.Length) { missing.Add(name); continue; }
            var cls = p.Classes[c];
            if (cls.Name != name) return $"class {c + 1} is '{cls.Name}' in the policy but '{name}' in the hypervisor";
            for (int bit = 0; bit < perms.Length; bit++)
            {
                string? have = bit < cls.Permissions.Length ? cls.Permissions[bit] : null;
                if (have is null) missing.Add($"{name}:{perms[bit]}");
                else if (have != perms[bit])
                    return $"permission {bit} of class '{name}' is '{have}' in the policy but '{perms[bit]}' in the hypervisor";
            }
        }
        if (missing.Count > 0 && p.HandleUnknown == HandleUnknown.Reject)
            return $"policy lacks {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", ..." : "")} and says handle_unknown reject";
        return null;
    }
}
