namespace Cloister.Cli.Tests;

/// <summary>The checkout the tests run from: the folder above the test binaries holding Cloister.slnx.</summary>
static class RepositoryRoot
{
    public static string Path { get; } = Find();

    static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(System.IO.Path.Combine(d.FullName, "Cloister.slnx"))) return d.FullName;
        throw new InvalidOperationException("repository root (the folder holding Cloister.slnx) not found");
    }
}
