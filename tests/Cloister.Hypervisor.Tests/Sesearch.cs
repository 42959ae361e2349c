using System.Diagnostics;

namespace Cloister.Hypervisor.Tests;

/// <summary>setools' sesearch, the oracle for what a compiled policy allows.</summary>
static class Sesearch
{
    /// <summary>True when an allow rule grants the permission and, if it is conditional, its
    /// condition holds with the booleans' default values (which is what sesearch prints as ":True").</summary>
    public static bool Allows(string policy, string source, string target, string cls, string permission)
    {
        var psi = new ProcessStartInfo("sesearch") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-A", "-s", source, "-t", target, "-c", cls, "-p", permission, policy })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"sesearch failed: {p.StandardError.ReadToEnd()}");
        return output.Split('\n').Any(line => line.StartsWith("allow ") && (!line.Contains("]:") || line.TrimEnd().EndsWith(":True")));
    }
}
