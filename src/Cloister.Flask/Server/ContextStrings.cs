using System.Text;
using Cloister.Flask.Model;

namespace Cloister.Flask.Server;

/// <summary>
/// Converts between context strings (user:role:type[:range]) and contexts of one policy.
/// Parsing checks that every name exists; validity as a whole is the policy's business.
/// </summary>
public static class ContextStrings
{
    const int MaxContextLength = 4096;

    /// <summary>Parses a context; returns null and a reason when a part is malformed or unknown.</summary>
    public static SecurityContext? Parse(PolicyDb p, string text, out string error)
    {
        error = "";
        if (text.Length == 0 || text.Length > MaxContextLength) { error = "context is empty or too long"; return null; }
        var parts = text.Split(':', 4);
        if (parts.Length < 3) { error = $"context '{text}' is not user:role:type"; return null; }
        if (!p.UserByName.TryGetValue(parts[0], out int user)) { error = $"unknown user '{parts[0]}'"; return null; }
        if (!p.RoleByName.TryGetValue(parts[1], out int role)) { error = $"unknown role '{parts[1]}'"; return null; }
        if (!p.TypeByName.TryGetValue(parts[2], out int type)) { error = $"unknown type '{parts[2]}'"; return null; }
        if (p.Types[type - 1].IsAttribute) { error = $"'{parts[2]}' is an attribute, not a type"; return null; }
        var range = MlsRange.None;
        if (p.Mls)
        {
            if (parts.Length < 4) { error = "an MLS policy needs a range in the context"; return null; }
            var r = ParseRange(p, parts[3], out error);
            if (r is null) return null;
            range = r.Value;
        }
        else if (parts.Length == 4) { error = $"a non-MLS policy takes no range ('{parts[3]}')"; return null; }
        return new SecurityContext(user, role, type, range);
    }

    static MlsRange? ParseRange(PolicyDb p, string text, out string error)
    {
        var halves = text.Split('-');
        if (halves.Length > 2) { error = $"range '{text}' has more than two levels"; return null; }
        var low = ParseLevel(p, halves[0], out error);
        if (low is null) return null;
        var high = halves.Length == 2 ? ParseLevel(p, halves[1], out error) : low;
        if (high is null) return null;
        return new MlsRange(low.Value, high.Value);
    }

    static MlsLevel? ParseLevel(PolicyDb p, string text, out string error)
    {
        error = "";
        var sensAndCats = text.Split(':');
        if (sensAndCats.Length > 2) { error = $"level '{text}' is malformed"; return null; }
        if (!p.SensitivityByName.TryGetValue(sensAndCats[0], out int sens)) { error = $"unknown sensitivity '{sensAndCats[0]}'"; return null; }
        var bits = new List<int>();
        if (sensAndCats.Length == 2)
        {
            foreach (var item in sensAndCats[1].Split(','))
            {
                var ends = item.Split('.');
                if (ends.Length > 2) { error = $"category range '{item}' is malformed"; return null; }
                if (!p.CategoryByName.TryGetValue(ends[0], out int first)) { error = $"unknown category '{ends[0]}'"; return null; }
                int last = first;
                if (ends.Length == 2 && !p.CategoryByName.TryGetValue(ends[1], out last)) { error = $"unknown category '{ends[1]}'"; return null; }
                if (last < first) { error = $"category range '{item}' is reversed"; return null; }
                for (int v = first; v <= last; v++) bits.Add(v - 1);
            }
        }
        return new MlsLevel(sens, Ebitmap.FromBits(bits));
    }

    public static string Format(PolicyDb p, SecurityContext c)
    {
        var sb = new StringBuilder();
        sb.Append(p.Users[c.User - 1].Name).Append(':').Append(p.Roles[c.Role - 1].Name).Append(':').Append(p.Types[c.Type - 1].Name);
        if (p.Mls)
        {
            sb.Append(':');
            AppendLevel(p, sb, c.Range.Low);
            if (!c.Range.High.Equals(c.Range.Low)) { sb.Append('-'); AppendLevel(p, sb, c.Range.High); }
        }
        return sb.ToString();
    }

    /// <summary>sN:cA,cB.cD — runs of three or more categories are written as first.last.</summary>
    static void AppendLevel(PolicyDb p, StringBuilder sb, MlsLevel level)
    {
        sb.Append(p.Sensitivities[level.Sensitivity - 1].Name);
        var bits = level.Categories.ToArray();
        for (int i = 0; i < bits.Length;)
        {
            int j = i;
            while (j + 1 < bits.Length && bits[j + 1] == bits[j] + 1) j++;
            sb.Append(i == 0 ? ':' : ',').Append(p.Categories[bits[i]].Name);
            if (j - i >= 2) sb.Append('.').Append(p.Categories[bits[j]].Name);
            else if (j == i + 1) sb.Append(',').Append(p.Categories[bits[j]].Name);
            i = j + 1;
        }
    }
}
