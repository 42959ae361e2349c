namespace Cloister.Toolstack;

/// <summary>The project's compiled FLASK policy (policy/cloister.30), built into the assembly.</summary>
public static class DefaultPolicy
{
    public static byte[] Load()
    {
        using var stream = typeof(DefaultPolicy).Assembly.GetManifestResourceStream("cloister.policy")
            ?? throw new InvalidOperationException("the default policy is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
