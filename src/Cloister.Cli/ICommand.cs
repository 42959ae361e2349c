namespace Cloister.Cli;

/// <summary>One `cloister` sub-command.</summary>
public interface ICommand
{
    string Name { get; }
    /// <summary>One line for the command list in `cloister help`.</summary>
    string Summary { get; }
    /// <summary>Runs the command; returns the process exit code. Throws UsageException for bad input.</summary>
    int Run(string[] args, TextWriter stdout, TextWriter stderr);
}
