namespace Cloister.Flask.Tests.Support;

/// <summary>Where the repository's policy sources and compiled policies are.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();
    public static string PolicyDir => Path.Combine(RepoRoot, "policy");
    public static string ProjectPolicy => Path.Combine(PolicyDir, "cloister.30");
    public static string ProjectMlsPolicy => Path.Combine(PolicyDir, "cloister-mls.30");
    public static string OracleScript => Path.Combine(AppContext.BaseDirectory, "setools_oracle.py");

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cloister.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root (Cloister.slnx) not found above " + AppContext.BaseDirectory);
    }
}
