using System.Text;
using Cloister.Flask.Model;
using Cloister.Flask.Server;

namespace Cloister.Flask.Tests.Support;

/// <summary>One compute_av question in the terms both sides understand.</summary>
internal sealed record AvQuery(string SourceType, string TargetType, string Class, string? SourceRange = null, string? TargetRange = null)
{
    public string SourceUser { get; init; } = "system_u";
    public string TargetUser { get; init; } = "system_u";
    public string SourceRole { get; init; } = "object_r";
    public string TargetRole { get; init; } = "object_r";

    public string SourceContext => $"{SourceUser}:{SourceRole}:{SourceType}" + (SourceRange is null ? "" : ":" + SourceRange);
    public string TargetContext => $"{TargetUser}:{TargetRole}:{TargetType}" + (TargetRange is null ? "" : ":" + TargetRange);

    /// <summary>The line setools_oracle.py reads.</summary>
    public string OracleLine =>
        $"{SourceType} {TargetType} {Class} {SourceRange ?? "-"} {TargetRange ?? "-"} {SourceUser} {TargetUser} {SourceRole} {TargetRole}";
}

/// <summary>Runs a batch of queries through Cloister's security server and through setools, and lists disagreements.</summary>
internal static class AvComparison
{
    public static List<string> Compare(string policyPath, IReadOnlyList<AvQuery> queries,
        IReadOnlyDictionary<string, bool> bools, bool constraints) =>
        Compare(policyPath, queries, [bools], constraints);

    /// <summary>Several boolean settings in one setools run (its start-up dominates the cost).</summary>
    public static List<string> Compare(string policyPath, IReadOnlyList<AvQuery> queries,
        IReadOnlyList<IReadOnlyDictionary<string, bool>> scenarios, bool constraints)
    {
        var input = new StringBuilder();
        foreach (var bools in scenarios)
        {
            input.Append("@bools");
            foreach (var (name, value) in bools) input.Append($" {name}={(value ? 1 : 0)}");
            input.Append('\n');
            foreach (var q in queries) input.Append(q.OracleLine).Append('\n');
        }
        var expected = Tools.Oracle(policyPath, input.ToString(), constraints);
        Assert.Equal(queries.Count * scenarios.Count, expected.Length);

        var mismatches = new List<string>();
        for (int n = 0; n < scenarios.Count; n++)
        {
            var server = new SecurityServer();
            Assert.Equal(0, server.Load(File.ReadAllBytes(policyPath), out string error));
            Assert.Equal("", error);
            foreach (var (name, value) in scenarios[n])
                Assert.Equal(0, server.SetBool(server.FindBool(name), value, commit: false));
            server.CommitBools();
            var p = server.Policy!;
            for (int i = 0; i < queries.Count; i++)
            {
                var q = queries[i];
                var s = ContextStrings.Parse(p, q.SourceContext, out string e1) ?? throw new InvalidOperationException(e1);
                var t = ContextStrings.Parse(p, q.TargetContext, out string e2) ?? throw new InvalidOperationException(e2);
                int cls = p.ClassByName[q.Class];
                Assert.Equal(0, server.ComputeAv(s, t, cls, out var d));
                string actual = string.Join(' ', PermissionNames(p, cls, d.Allowed).Order(StringComparer.Ordinal));
                string want = expected[n * queries.Count + i];
                if (actual != want)
                    mismatches.Add($"{q.SourceContext} {q.TargetContext} {q.Class}: cloister [{actual}] setools [{want}]");
            }
        }
        return mismatches;
    }

    public static IEnumerable<string> PermissionNames(PolicyDb p, int cls, uint allowed)
    {
        var perms = p.Classes[cls - 1].Permissions;
        for (int bit = 0; bit < perms.Length; bit++)
            if (perms[bit] is { } name && (allowed & (1u << bit)) != 0) yield return name;
    }
}
