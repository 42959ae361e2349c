using Cloister.Flask.Server;
using Cloister.Flask.Tests.Support;

namespace Cloister.Flask.Tests;

/// <summary>The compiled-in Xen vocabulary and the policy's handle_unknown flag.</summary>
public class VocabularyTests
{
    [Fact]
    public void VocabularyMatchesThePolicySources()
    {
        var gen = new RandomPolicyGenerator(1, mls: false);   // parses policy/flask/access_vectors
        var classOrder = File.ReadAllLines(Path.Combine(TestPaths.PolicyDir, "flask", "security_classes"))
            .Where(l => l.StartsWith("class ")).Select(l => l.Split(' ')[1]).ToArray();
        Assert.Equal(classOrder, XenVocabulary.Classes.Select(c => c.Name));
        foreach (var (name, perms) in XenVocabulary.Classes) Assert.Equal(gen.Classes[name], perms);
        var sids = File.ReadAllLines(Path.Combine(TestPaths.PolicyDir, "flask", "initial_sids"))
            .Where(l => l.StartsWith("sid ")).Select(l => l.Split(' ')[1]);
        Assert.Equal(sids, XenVocabulary.InitialSids);
    }

    /// <summary>A policy whose argo class lacks its last permission ('send'), compiled with checkpolicy -U MODE.</summary>
    static byte[] PolicyWithoutArgoSend(string handleUnknown)
    {
        string flask = Path.Combine(TestPaths.PolicyDir, "flask");
        string conf = string.Concat(new[] { "security_classes", "initial_sids", "access_vectors" }
                .Select(f => File.ReadAllText(Path.Combine(flask, f))))
            .Replace("    register_any_source\n    send\n}", "    register_any_source\n}") +
            "type a_t;\nrole system_r;\nrole system_r types a_t;\nallow a_t a_t:argo enable;\n" +
            "user system_u roles system_r;\n" +
            string.Concat(XenVocabulary.InitialSids.Select(sid => $"sid {sid} system_u:system_r:a_t\n"));
        Assert.Contains("register_any_source\n}", conf);
        string dir = Directory.CreateTempSubdirectory("flask-unknown-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "p.conf"), conf);
            var (exit, _, err) = Tools.Run("checkpolicy", ["-U", handleUnknown, "-t", "xen", "-c", "30", Path.Combine(dir, "p.conf"), "-o", Path.Combine(dir, "p.bin")]);
            Assert.True(exit == 0, err);
            return File.ReadAllBytes(Path.Combine(dir, "p.bin"));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void RejectRefusesAPolicyMissingAHypervisorPermission()
    {
        var server = new SecurityServer { Vocabulary = XenVocabulary.Classes };
        Assert.Equal(FlaskErrno.EINVAL, server.Load(PolicyWithoutArgoSend("reject"), out string error));
        Assert.Contains("argo:send", error);
        // Without a vocabulary (policy inspection) the same file loads.
        Assert.Equal(0, new SecurityServer().Load(PolicyWithoutArgoSend("reject"), out _));
    }

    [Theory]
    [InlineData("allow", true)]
    [InlineData("deny", false)]
    public void AllowAndDenyDecideTheMissingPermission(string mode, bool granted)
    {
        var server = new SecurityServer { Vocabulary = XenVocabulary.Classes };
        Assert.Equal(0, server.Load(PolicyWithoutArgoSend(mode), out _));
        var ctx = server.Policy!.ObjectContexts.InitialSids[0].Context;
        Assert.Equal(0, server.ComputeAv(ctx, ctx, XenVocabulary.ClassNumber("argo"), out var d));
        Assert.Equal(granted, (d.Allowed & XenVocabulary.Permission("argo", "send")) != 0);
    }
}
