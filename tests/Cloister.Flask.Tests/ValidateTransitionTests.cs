using Cloister.Flask.Server;
using Cloister.Flask.Tests.Support;

namespace Cloister.Flask.Tests;

/// <summary>
/// validatetrans on a small policy. The expected outcome is read off the constraint text
/// `validatetrans domain ((t3 == a_t) and (t2 != c_t))`: old context = 1, new = 2, task = 3,
/// so a relabel passes exactly when the task is a_t and the new type is not c_t.
/// </summary>
public class ValidateTransitionTests
{
    static readonly string[] Types = ["a_t", "b_t", "c_t"];

    static SecurityServer Load()
    {
        string flask = Path.Combine(TestPaths.PolicyDir, "flask");
        string conf = string.Concat(new[] { "security_classes", "initial_sids", "access_vectors" }
                .Select(f => File.ReadAllText(Path.Combine(flask, f)))) +
            "type a_t;\ntype b_t;\ntype c_t;\nrole system_r;\nrole system_r types { a_t b_t c_t };\n" +
            "allow a_t b_t:domain transition;\nuser system_u roles system_r;\n" +
            "validatetrans domain ((t3 == a_t) and (t2 != c_t));\n" +
            string.Concat(XenVocabulary.InitialSids.Select(sid => $"sid {sid} system_u:system_r:a_t\n"));
        var server = new SecurityServer();
        Assert.Equal(0, server.Load(Tools.CheckPolicy(conf), out string error));
        return server;
    }

    [Fact]
    public void EveryCombinationFollowsTheConstraintText()
    {
        var server = Load();
        uint Sid(string t) { Assert.Equal(0, server.ContextToSid($"system_u:system_r:{t}", out uint s, out _)); return s; }
        int domain = server.ClassValue("domain");
        foreach (var oldType in Types)
            foreach (var newType in Types)
                foreach (var task in Types)
                {
                    bool expected = task == "a_t" && newType != "c_t";
                    int rc = server.ValidateTransition(Sid(oldType), Sid(newType), Sid(task), domain);
                    Assert.Equal(expected ? FlaskErrno.Ok : FlaskErrno.EPERM, rc);
                }
        // Classes without validatetrans never refuse.
        Assert.Equal(0, server.ValidateTransition(Sid("a_t"), Sid("c_t"), Sid("b_t"), server.ClassValue("event")));
    }

    [Fact]
    public void PermissiveModeDoesNotRefuse()
    {
        var server = Load();
        server.SetEnforcing(false);
        server.ContextToSid("system_u:system_r:b_t", out uint b, out _);
        Assert.Equal(0, server.ValidateTransition(b, b, b, server.ClassValue("domain")));
    }
}
