using Cloister.Flask.Model;
using Cloister.Flask.Server;
using Cloister.Flask.Tests.Support;

namespace Cloister.Flask.Tests;

/// <summary>
/// role_transition and range_transition on a small MLS policy. The expected role and range are
/// the defaults `sesearch --role_trans` / `--range_trans` print for the same binary; with no rule
/// a domain keeps its role and range and an object gets object_r and the source's low level
/// (Xen's security_compute_sid and mls_compute_sid).
/// </summary>
public class RoleAndRangeTransitionTests
{
    const string Body = """
        sensitivity s0; sensitivity s1; dominance { s0 s1 }
        category c0; category c1;
        level s0:c0.c1; level s1:c0.c1;
        mlsvalidatetrans domain (l1 domby h1);
        type a_t; type b_t; type c_t;
        role system_r; role vm_r;
        role system_r types { a_t b_t c_t };
        role vm_r types { a_t b_t c_t };
        type_transition a_t b_t:domain c_t;
        role_transition system_r b_t:domain vm_r;
        range_transition a_t b_t:domain s1:c0 - s1:c0.c1;
        range_transition a_t b_t:event s1;
        user system_u roles { system_r vm_r } level s0 range s0 - s1:c0.c1;

        """;

    static readonly Lazy<(byte[] Binary, string Path)> Policy = new(() =>
    {
        string flask = Path.Combine(TestPaths.PolicyDir, "flask");
        string conf = string.Concat(new[] { "security_classes", "initial_sids", "access_vectors" }
            .Select(f => File.ReadAllText(Path.Combine(flask, f)))) + Body +
            string.Concat(XenVocabulary.InitialSids.Select(sid => $"sid {sid} system_u:system_r:a_t:s0\n"));
        byte[] binary = Tools.CheckPolicy(conf, 30, mls: true);
        string path = Path.Combine(AppContext.BaseDirectory, "rangetrans-policy.bin");   // in the test output, not /tmp
        File.WriteAllBytes(path, binary);
        return (binary, path);
    });

    /// <summary>The default (the words after "SOURCE TARGET:CLASS") of the rule sesearch finds, or null.</summary>
    static string? SesearchDefault(string kind, string source, string target, string cls)
    {
        var (exit, stdout, _) = Tools.Run("sesearch", [kind, "-s", source, "-t", target, "-c", cls, Policy.Value.Path]);
        Assert.Equal(0, exit);
        var line = stdout.Split('\n').FirstOrDefault(l => l.Contains(':' + cls + ' '));
        return line is null ? null : line[(line.IndexOf(':' + cls + ' ') + cls.Length + 2)..].TrimEnd(';', ' ');
    }

    [Theory]
    [InlineData("a_t", "s0", "b_t", "s0", "domain")]
    [InlineData("a_t", "s0", "b_t", "s0", "event")]
    [InlineData("b_t", "s0-s1:c1", "a_t", "s1", "domain")]
    [InlineData("b_t", "s0-s1:c1", "a_t", "s1", "event")]
    public void RoleAndRangeFollowSesearch(string sType, string sRange, string tType, string tRange, string cls)
    {
        var server = new SecurityServer();
        Assert.Equal(0, server.Load(Policy.Value.Binary, out _));
        var p = server.Policy!;
        var s = ContextStrings.Parse(p, $"system_u:system_r:{sType}:{sRange}", out _)!.Value;
        var t = ContextStrings.Parse(p, $"system_u:system_r:{tType}:{tRange}", out _)!.Value;
        Assert.Equal(0, server.ComputeContext(s, t, p.ClassByName[cls], AvKind.Transition, out var result));

        bool isDomain = cls == "domain";
        // Role rules are keyed by the source role, not its type.
        string role = SesearchDefault("--role_trans", "system_r", tType, cls) ?? (isDomain ? "system_r" : "object_r");
        Assert.Equal(role, p.Roles[result.Role - 1].Name);

        var expectedRange = SesearchDefault("--range_trans", sType, tType, cls) is { } text
            ? ContextStrings.Parse(p, $"system_u:object_r:a_t:{text.Replace(" ", "")}", out _)!.Value.Range
            : isDomain ? s.Range : new MlsRange(s.Range.Low, s.Range.Low);
        Assert.Equal(expectedRange, result.Range);
    }
}
