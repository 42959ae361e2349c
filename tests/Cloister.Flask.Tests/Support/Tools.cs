using System.Diagnostics;

namespace Cloister.Flask.Tests.Support;

/// <summary>Runs the external tools the tests compare against: checkpolicy and setools (via /usr/bin/python3).</summary>
internal static class Tools
{
    public static (int Exit, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, string? stdin = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderrTask = p.StandardError.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        p.WaitForExit();
        return (p.ExitCode, stdoutTask.Result, stderrTask.Result);
    }

    /// <summary>Compiles policy.conf text with Debian's checkpolicy for the Xen target.</summary>
    public static byte[] CheckPolicy(string conf, int version = 30, bool mls = false)
    {
        string dir = Directory.CreateTempSubdirectory("flask-test-").FullName;
        try
        {
            string src = Path.Combine(dir, "policy.conf"), bin = Path.Combine(dir, "policy.bin");
            File.WriteAllText(src, conf);
            var args = new List<string> { "-t", "xen", "-c", version.ToString(), src, "-o", bin };
            if (mls) args.Insert(0, "-M");
            var (exit, _, err) = Run("checkpolicy", args);
            if (exit != 0) throw new InvalidOperationException("checkpolicy failed: " + err + "\n" + conf);
            return File.ReadAllBytes(bin);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Asks setools_oracle.py: one answer line (sorted permission names) per query line.</summary>
    public static string[] Oracle(string policyPath, string queries, bool constraints = false)
    {
        var args = new List<string> { TestPaths.OracleScript, policyPath };
        if (constraints) args.Add("--constraints");
        var (exit, stdout, stderr) = Run("/usr/bin/python3", args, queries);
        if (exit != 0) throw new InvalidOperationException("setools oracle failed: " + stderr);
        return stdout.Split('\n')[..^1];
    }
}
