namespace Cloister.Cli;

/// <summary>A mistake in the user's input: reported as one line on stderr, never as a stack trace.</summary>
public sealed class UsageException(string message, int exitCode = 2) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
