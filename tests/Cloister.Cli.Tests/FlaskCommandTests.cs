using Xunit;
using System.Diagnostics;
using Cloister.Cli;

namespace Cloister.Cli.Tests;

/// <summary>
/// `cloister flask` end to end on the project's compiled policies. Expected permission sets
/// come from sesearch (setools) on the same binary.
/// </summary>
[Collection("console")]   // the batch test replaces Console.In
public class FlaskCommandTests
{
    static readonly string PolicyDir = Path.Combine(RepositoryRoot.Path, "policy");
    static string Policy => Path.Combine(PolicyDir, "cloister.30");
    static string MlsPolicy => Path.Combine(PolicyDir, "cloister-mls.30");

    static (int Exit, string Out, string Err) Cloister(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CommandTable.Dispatch(["flask", .. args], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Permissions of the allow rules sesearch lists; the queries used here have no conditional rules.</summary>
    static SortedSet<string> Sesearch(string source, string target, string cls)
    {
        var psi = new ProcessStartInfo("sesearch") { RedirectStandardOutput = true };
        foreach (var a in new[] { "-A", "-s", source, "-t", target, "-c", cls, Policy }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var perms = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            if (!line.StartsWith("allow ")) continue;
            Assert.DoesNotContain("]:", line);   // a conditional rule would need the booleans' state
            string body = line[(line.IndexOf(':') + 1)..line.IndexOf(';')];
            foreach (var w in body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                if (w is not ("{" or "}")) perms.Add(w);
        }
        return perms;
    }

    [Fact]
    public void InfoReportsTheCounts()
    {
        var (exit, output, _) = Cloister("info", Policy);
        Assert.Equal(0, exit);
        Assert.Contains("version: 30", output);
        Assert.Contains("mls: no", output);
        Assert.Contains("classes: 13", output);
        Assert.Contains("mls: yes", Cloister("info", MlsPolicy).Out);
    }

    [Theory]
    [InlineData("radio_t", "phone_ctl_t", "grant")]
    [InlineData("dom0_t", "domU_t", "domain")]
    [InlineData("radio_t", "ui_t", "event")]
    public void ComputeAvPrintsTheAllowedPermissions(string source, string target, string cls)
    {
        var (exit, output, err) = Cloister("compute-av", Policy, $"system_u:system_r:{source}", $"system_u:system_r:{target}", cls);
        Assert.Equal(0, exit);
        Assert.Equal("", err);
        var printed = new SortedSet<string>(output.TrimEnd('\n').Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        Assert.Equal(Sesearch(source, target, cls), printed);
    }

    [Fact]
    public void BooleansChangeTheAnswer()
    {
        string[] query = [Policy, "system_u:system_r:ui_t", "system_u:system_r:vault_t", "grant"];
        var open = Cloister(["compute-av", .. query]).Out;
        var locked = Cloister(["compute-av", "--bool", "vault_locked=1", .. query]).Out;
        Assert.NotEqual(open, locked);
    }

    [Fact]
    public void TransitionPrintsTheNewContext()
    {
        var (exit, output, _) = Cloister("transition", Policy, "system_u:system_r:ui_t", "system_u:system_r:vault_t", "event");
        Assert.Equal(0, exit);
        Assert.Equal("system_u:object_r:ui_t_channel\n", output.Replace("\r", ""));
    }

    [Theory]
    [InlineData("system_u:system_r:nosuch_t", "system_u:system_r:ui_t", "event")]
    [InlineData("system_u:system_r:ui_t", "system_u:system_r:ui_t", "nosuchclass")]
    [InlineData("garbage", "system_u:system_r:ui_t", "event")]
    public void BadQueriesGiveOneErrorLine(string s, string t, string cls)
    {
        var (exit, output, err) = Cloister("compute-av", Policy, s, t, cls);
        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData()]
    [InlineData("info")]
    [InlineData("frobnicate", "x")]
    [InlineData("compute-av", "--bool")]
    [InlineData("compute-av", "--bool", "vault_locked=maybe", "p")]
    [InlineData("transition", "p", "a", "b")]
    [InlineData("info", "/no/such/policy")]
    public void UsageMistakesGiveOneErrorLine(params string[] args)
    {
        var (exit, output, err) = Cloister(args);
        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void MutatedPoliciesAreRefusedCleanly()
    {
        byte[] original = File.ReadAllBytes(Policy);
        string path = Path.Combine(Path.GetTempPath(), $"flask-mutant-{Environment.ProcessId}.bin");
        var rng = new Random(9);
        try
        {
            for (int i = 0; i < 50; i++)
            {
                byte[] data = (byte[])original.Clone();
                if (i % 2 == 0) data = data[..rng.Next(data.Length)];
                else data[rng.Next(data.Length)] ^= 0xff;
                File.WriteAllBytes(path, data);
                var (exit, _, err) = Cloister("info", path);
                if (exit != 0) Assert.Single(err.TrimEnd('\n').Split('\n'));
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void BatchModeAnswersOneLinePerQuery()
    {
        var input = "system_u:system_r:dom0_t system_u:system_r:domU_t domain\n" +
                    "# comments and blank lines are not queries\n\n" +
                    "system_u:system_r:nosuch_t system_u:system_r:vault_t grant\n" +
                    "system_u:system_r:radio_t system_u:system_r:vault_t grant\n";
        var saved = Console.In;
        Console.SetIn(new StringReader(input));
        try
        {
            var (exit, output, err) = Cloister("compute-av", Policy);
            Assert.Equal(1, exit);   // one query was bad
            var lines = output.Replace("\r", "").Split('\n');
            Assert.Equal(4, lines.Length);   // three answers and the final newline
            Assert.Equal(Sesearch("dom0_t", "domU_t", "domain"), new SortedSet<string>(lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal));
            Assert.Equal("", lines[1]);      // the bad query keeps its place, reason on stderr
            Assert.Contains("line 4", err);
            Assert.Equal(Sesearch("radio_t", "vault_t", "grant"), new SortedSet<string>(lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal));
        }
        finally { Console.SetIn(saved); }
    }
}
