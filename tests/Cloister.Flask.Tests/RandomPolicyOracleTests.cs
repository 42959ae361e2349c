using Cloister.Flask.Tests.Support;

namespace Cloister.Flask.Tests;

/// <summary>
/// Random policies compiled by checkpolicy (-t xen, versions 24 and 30, MLS and not):
/// compute_av must equal the union of enabled allow rules setools reports for the same
/// binary, under the default booleans and under random boolean values.
/// </summary>
public class RandomPolicyOracleTests
{
    public static TheoryData<int, int, bool> Cases()
    {
        var data = new TheoryData<int, int, bool>();
        for (int seed = 1; seed <= 20; seed++) data.Add(seed, 30, false);
        for (int seed = 100; seed < 105; seed++) data.Add(seed, 24, false);
        for (int seed = 200; seed < 205; seed++) data.Add(seed, 30, true);
        data.Add(206, 24, true);
        data.Add(207, 24, true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ComputeAvAgreesWithSetools(int seed, int version, bool mls) => Check(seed, version, mls, constraints: false);

    /// <summary>
    /// With random constrain / mlsconstrain statements. The expected answer is the setools
    /// allow-rule union minus the permissions of every constraint whose expression, as setools
    /// parses it from the binary, is false for the query's users, roles, types and levels
    /// (setools_oracle.py --constraints evaluates the postfix expression).
    /// </summary>
    [Theory]
    [InlineData(311, 30, false)]
    [InlineData(301, 30, false)]
    [InlineData(309, 24, false)]
    [InlineData(303, 30, true)]
    [InlineData(304, 30, true)]
    [InlineData(305, 30, true)]
    public void ConstraintsAgreeWithTheirText(int seed, int version, bool mls) => Check(seed, version, mls, constraints: true);

    static void Check(int seed, int version, bool mls, bool constraints)
    {
        var gen = new RandomPolicyGenerator(seed, mls, constraints);
        string conf = gen.Generate();
        byte[] binary = Tools.CheckPolicy(conf, version, mls);
        string path = Path.Combine(Directory.CreateTempSubdirectory("flask-random-").FullName, "policy.bin");
        File.WriteAllBytes(path, binary);
        try
        {
            var queries = gen.Queries(300);
            var scenarios = new List<IReadOnlyDictionary<string, bool>> { new Dictionary<string, bool>() };
            if (gen.Bools.Count > 0) scenarios.AddRange([gen.RandomBools(), gen.RandomBools()]);
            var mismatches = AvComparison.Compare(path, queries, scenarios, constraints);
            Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(10)) + "\n--- policy ---\n" + conf);
            if (constraints)
            {
                // Guard against a vacuous test: the constraints must change some answers.
                string lines = string.Concat(queries.Select(q => q.OracleLine + "\n"));
                var with = Tools.Oracle(path, lines, constraints: true);
                var without = Tools.Oracle(path, lines, constraints: false);
                Assert.True(with.Zip(without).Count(x => x.First != x.Second) > 0, "no constraint changed any answer");
            }
        }
        finally { Directory.Delete(Path.GetDirectoryName(path)!, true); }
    }
}
