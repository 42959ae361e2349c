using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Cloister.Hypervisor.Tests;

/// <summary>setools as the oracle for booleans: their defaults (seinfo) and whether a permission is
/// allowed under given boolean values (sesearch's conditional rules).</summary>
static partial class SetoolsBooleans
{
    /// <summary>seinfo -b -x: each boolean and its default value.</summary>
    public static Dictionary<string, bool> Defaults(string policy) =>
        BoolLine().Matches(Tool("seinfo", "-b", "-x", policy))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value == "true");

    /// <summary>True when an unconditional allow rule grants the permission, or a conditional one
    /// whose single-boolean condition holds with <paramref name="values"/> (defaults for the others).</summary>
    public static bool AllowsWith(string policy, string source, string target, string cls, string permission,
        IReadOnlyDictionary<string, bool> values)
    {
        // seinfo runs only when a conditional rule names a boolean the caller did not set.
        Dictionary<string, bool>? defaults = null;
        foreach (var line in Tool("sesearch", "-A", "-s", source, "-t", target, "-c", cls, "-p", permission, policy).Split('\n'))
        {
            if (!line.StartsWith("allow ")) continue;
            if (!line.Contains("]:")) return true;
            var m = Condition().Match(line);
            if (!m.Success) throw new NotSupportedException($"condition beyond one boolean: {line}");
            string name = m.Groups[1].Value;
            bool value = values.TryGetValue(name, out bool v) ? v : (defaults ??= Defaults(policy))[name];
            if (value == (m.Groups[2].Value == "True")) return true;
        }
        return false;
    }

    static string Tool(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} failed: {p.StandardError.ReadToEnd()}");
        return output;
    }

    [GeneratedRegex(@"^\s*bool (\S+) (true|false);", RegexOptions.Multiline)]
    private static partial Regex BoolLine();

    [GeneratedRegex(@"\[ (\w+) \]:(True|False)\s*$")]
    private static partial Regex Condition();
}
