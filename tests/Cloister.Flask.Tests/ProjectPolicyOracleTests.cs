using Cloister.Flask.Binary;
using Cloister.Flask.Tests.Support;

namespace Cloister.Flask.Tests;

/// <summary>
/// Every (type, type, class) query on the project's own policies, under the default booleans
/// and with every boolean flipped, compared with setools on the same binary. The oracle also
/// applies the policy's constraints as setools parses them (u1 == u2, t1 == mls_priv, l1 dom l2 ...).
/// </summary>
public class ProjectPolicyOracleTests
{
    static List<AvQuery> AllQueries(string policyPath, Func<Random, string?>? range)
    {
        var p = PolicyReader.Read(File.ReadAllBytes(policyPath));
        var rng = new Random(4);
        var types = p.Types.Where(t => !t.IsAttribute).Select(t => t.Name).ToArray();
        var queries = new List<AvQuery>();
        foreach (var s in types)
            foreach (var t in types)
                foreach (var c in p.Classes)
                    queries.Add(new AvQuery(s, t, c.Name, range?.Invoke(rng), range?.Invoke(rng)));
        return queries;
    }

    static Dictionary<string, bool> Bools(string policyPath, bool flipped)
    {
        var p = PolicyReader.Read(File.ReadAllBytes(policyPath));
        return p.Bools.ToDictionary(b => b.Name, b => b.DefaultState ^ flipped);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NonMlsPolicyAgreesWithSetools(bool flipBooleans)
    {
        string path = TestPaths.ProjectPolicy;
        var mismatches = AvComparison.Compare(path, AllQueries(path, null), Bools(path, flipBooleans), constraints: true);
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MlsPolicyAgreesWithSetools(bool flipBooleans)
    {
        // Ranges are drawn from a few that make the MLS constraints go both ways.
        string[] ranges = ["s0", "s1", "s1:c0,c3", "s0-s3:c0.c7", "s2:c1.c4"];
        string path = TestPaths.ProjectMlsPolicy;
        var mismatches = AvComparison.Compare(path, AllQueries(path, r => ranges[r.Next(ranges.Length)]),
            Bools(path, flipBooleans), constraints: true);
        Assert.Empty(mismatches);
    }
}
