using System.Diagnostics;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// A policy built by checkpolicy (policy/Makefile) from a copy of the repository's policy sources
/// with one text replaced: a second policy whose one difference is known, never committed.
/// </summary>
sealed class PolicyVariant : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("cloister-policy-").FullName;

    public PolicyVariant(string file, string oldText, string newText)
    {
        string source = Path.Combine(RepositoryRoot.Path, "policy");
        foreach (var path in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, path);
            if (relative.EndsWith(".30")) continue;   // the committed binaries: this one is built here
            string target = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            System.IO.File.Copy(path, target);
        }
        string edited = Path.Combine(dir, file);
        string text = System.IO.File.ReadAllText(edited);
        if (!text.Contains(oldText)) throw new InvalidOperationException($"{file} has no '{oldText}'");
        System.IO.File.WriteAllText(edited, text.Replace(oldText, newText));
        var psi = new ProcessStartInfo("make", ["-s", "-C", dir, "cloister.30"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var make = Process.Start(psi)!;
        string output = make.StandardOutput.ReadToEnd() + make.StandardError.ReadToEnd();
        make.WaitForExit();
        if (make.ExitCode != 0) throw new InvalidOperationException($"make failed: {output}");
    }

    /// <summary>The built binary policy.</summary>
    public string File => System.IO.Path.Combine(dir, "cloister.30");

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
