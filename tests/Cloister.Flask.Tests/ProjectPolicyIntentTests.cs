using Cloister.Flask.Binary;
using Cloister.Flask.Tests.Support;

namespace Cloister.Flask.Tests;

/// <summary>
/// The isolation the project's policy promises (policy/modules/*.te), checked with setools on
/// the compiled binary under every combination of booleans: these test the policy, not the code.
/// </summary>
public class ProjectPolicyIntentTests
{
    static readonly string[] CommClasses = ["event", "grant"];

    /// <summary>Permissions that move data or signals; a builder's grant setup is not communication.</summary>
    static readonly HashSet<string> CommPerms = ["bind", "send", "map_read", "map_write", "copy", "transfer"];

    static string Communication(string answer) =>
        string.Join(' ', answer.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(CommPerms.Contains));

    /// <summary>Answers for "source target class" lines under every boolean combination.</summary>
    static List<string[]> AskEverySetting(IEnumerable<(string S, string T, string C)> queries)
    {
        var p = PolicyReader.Read(File.ReadAllBytes(TestPaths.ProjectPolicy));
        var q = queries.ToList();
        var input = new System.Text.StringBuilder();
        for (int mask = 0; mask < 1 << p.Bools.Length; mask++)
        {
            input.Append("@bools");
            for (int b = 0; b < p.Bools.Length; b++) input.Append($" {p.Bools[b].Name}={(mask >> b) & 1}");
            input.Append('\n');
            foreach (var (s, t, c) in q) input.Append($"{s} {t} {c}\n");
        }
        var answers = Tools.Oracle(TestPaths.ProjectPolicy, input.ToString());
        return [.. answers.Chunk(q.Count)];
    }

    /// <summary>Guest domain types: domain_type members that are not the hypervisor's own (xen_type).</summary>
    static string[] GuestDomains()
    {
        var p = PolicyReader.Read(File.ReadAllBytes(TestPaths.ProjectPolicy));
        int domain = p.TypeByName["domain_type"] - 1, xen = p.TypeByName["xen_type"] - 1;
        return [.. p.Types.Where(t => !t.IsAttribute && p.TypeAttributes[t.Value - 1].Contains(domain) &&
            !p.TypeAttributes[t.Value - 1].Contains(xen)).Select(t => t.Name)];
    }

    /// <summary>A domain and, when it has one, the type of the event channels it creates.</summary>
    static IEnumerable<string> WithChannel(string domain)
    {
        var p = PolicyReader.Read(File.ReadAllBytes(TestPaths.ProjectPolicy));
        yield return domain;
        if (p.TypeByName.ContainsKey(domain + "_channel")) yield return domain + "_channel";
    }

    [Fact]
    public void OnlyTheUserInterfaceReachesTheVault()
    {
        var others = GuestDomains().Where(d => d is not ("ui_t" or "ui_t_self" or "vault_t" or "vault_t_self"));
        var queries = others.SelectMany(WithChannel).SelectMany(s => CommClasses.Select(c => (s, "vault_t", c))).ToList();
        foreach (var answers in AskEverySetting(queries))
            for (int i = 0; i < queries.Count; i++)
                Assert.True(Communication(answers[i]) == "", $"{queries[i]} allows [{answers[i]}]");
    }

    [Fact]
    public void IsolatedGuestTalksOnlyToDom0AndNamedPeers()
    {
        string[] peers = ["dom0_t", "isolated_domU_t"];
        var strangers = GuestDomains().Where(d => !peers.Contains(d) && !d.StartsWith("isolated_domU_t")).ToList();
        var queries = strangers.SelectMany(d => CommClasses.SelectMany(c => new[]
            { ("isolated_domU_t", d, c), (d, "isolated_domU_t", c), ("isolated_domU_t_channel", d, c) })).ToList();
        foreach (var answers in AskEverySetting(queries))
            for (int i = 0; i < queries.Count; i++)
                Assert.True(Communication(answers[i]) == "", $"{queries[i]} allows [{answers[i]}]");
    }

    [Fact]
    public void LockingTheVaultCutsTheUserInterfaceOff()
    {
        var p = PolicyReader.Read(File.ReadAllBytes(TestPaths.ProjectPolicy));
        int locked = Array.FindIndex(p.Bools, b => b.Name == "vault_locked");
        var queries = CommClasses.Select(c => ("ui_t", "vault_t", c)).Append(("ui_t_channel", "vault_t", "event")).ToList();
        var settings = AskEverySetting(queries);
        for (int mask = 0; mask < settings.Count; mask++)
            if ((mask >> locked & 1) == 1)
                Assert.All(settings[mask], a => Assert.Equal("", Communication(a)));
            else
                Assert.Contains("map_read", settings[mask][1]);
    }

    [Fact]
    public void TheRadioOpensChannelsToTheUserInterfaceOnlyWhenRelaxed()
    {
        var p = PolicyReader.Read(File.ReadAllBytes(TestPaths.ProjectPolicy));
        int relaxed = Array.FindIndex(p.Bools, b => b.Name == "radio_may_reach_ui");
        var settings = AskEverySetting([("radio_t_channel", "ui_t", "event"), ("radio_t", "radio_t_channel", "event")]);
        for (int mask = 0; mask < settings.Count; mask++)
        {
            bool on = (mask >> relaxed & 1) == 1;
            Assert.Equal(on, settings[mask][0].Split(' ').Contains("bind"));
            Assert.Equal(on, settings[mask][1].Split(' ').Contains("create"));
        }
    }
}
