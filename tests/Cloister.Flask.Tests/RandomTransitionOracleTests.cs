using Cloister.Flask.Model;
using Cloister.Flask.Server;
using Cloister.Flask.Tests.Support;

namespace Cloister.Flask.Tests;

/// <summary>
/// Labels computed for new objects and domains on random policies: the type must be the one
/// the type_transition / type_member / type_change rule gives according to setools (an
/// enabled conditional rule when there is no unconditional one); with no rule, Xen's default
/// applies — a domain keeps the source's type, any other object takes the target's.
/// </summary>
public class RandomTransitionOracleTests
{
    static readonly (string Name, ushort Kind)[] Kinds =
        [("type_transition", AvKind.Transition), ("type_member", AvKind.Member), ("type_change", AvKind.Change)];

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, false)]
    [InlineData(13, false)]
    [InlineData(14, true)]
    [InlineData(15, true)]
    public void TypeRulesAgreeWithSetools(int seed, bool mls)
    {
        var gen = new RandomPolicyGenerator(seed, mls);
        string conf = gen.Generate();
        byte[] binary = Tools.CheckPolicy(conf, 30, mls);
        string dir = Directory.CreateTempSubdirectory("flask-trans-").FullName;
        string path = Path.Combine(dir, "policy.bin");
        File.WriteAllBytes(path, binary);
        try
        {
            var rng = new Random(seed);
            // Every rule's own key, plus random keys that mostly have no rule.
            var asks = gen.TypeRuleKeys.ToList();
            for (int i = 0; i < 100; i++)
                asks.Add((Kinds[rng.Next(3)].Name, gen.Types[rng.Next(gen.Types.Count)], gen.Types[rng.Next(gen.Types.Count)],
                    gen.Classes.Keys.ElementAt(rng.Next(gen.Classes.Count))));
            var scenarios = new List<Dictionary<string, bool>> { new() };
            if (gen.Bools.Count > 0) scenarios.Add(gen.RandomBools());

            var input = new System.Text.StringBuilder();
            foreach (var bools in scenarios)
            {
                input.Append("@bools").AppendJoin("", bools.Select(b => $" {b.Key}={(b.Value ? 1 : 0)}")).Append('\n');
                foreach (var (kind, s, t, c) in asks) input.Append($"=T {kind} {s} {t} {c}\n");
            }
            var expected = Tools.Oracle(path, input.ToString());
            Assert.Equal(asks.Count * scenarios.Count, expected.Length);

            var mismatches = new List<string>();
            for (int n = 0; n < scenarios.Count; n++)
            {
                var server = new SecurityServer();
                Assert.Equal(0, server.Load(binary, out _));
                foreach (var (name, value) in scenarios[n]) server.SetBool(server.FindBool(name), value, commit: false);
                server.CommitBools();
                var p = server.Policy!;
                string range = mls ? ":s0" : "";
                for (int i = 0; i < asks.Count; i++)
                {
                    var (kind, s, t, c) = asks[i];
                    var sc = ContextStrings.Parse(p, $"system_u:system_r:{s}{range}", out _)!.Value;
                    var tc = ContextStrings.Parse(p, $"system_u:system_r:{t}{range}", out _)!.Value;
                    int cls = p.ClassByName[c];
                    Assert.Equal(0, server.ComputeContext(sc, tc, cls, Kinds.First(k => k.Name == kind).Kind, out var result));
                    string fallback = c == "domain" ? s : t;
                    string want = expected[n * asks.Count + i] is { Length: > 0 } ruleType ? ruleType : fallback;
                    string got = p.TypeName(result.Type);
                    if (got != want) mismatches.Add($"{kind} {s} {t}:{c}: cloister {got}, setools {want}");
                }
            }
            Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(10)) + "\n--- policy ---\n" + conf);
        }
        finally { Directory.Delete(dir, true); }
    }
}
