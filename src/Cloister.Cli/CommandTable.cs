namespace Cloister.Cli;

/// <summary>The list of sub-commands and the top-level error handling.</summary>
public static class CommandTable
{
    public static readonly ICommand[] Commands =
    [
        new Commands.DemoCommand(),
        new Commands.MachineCommand(),
        new Commands.RunCommand(),
        new Commands.FlaskCommand(),
        new Commands.XlCommand(),
    ];

    public static int Dispatch(string[] args) => Dispatch(args, Console.Out, Console.Error);

    public static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "help" or "-h" or "--help")
        {
            PrintHelp(stdout);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] is "--version" or "version")
        {
            stdout.WriteLine("cloister " + typeof(CommandTable).Assembly.GetName().Version);
            return 0;
        }
        var command = Array.Find(Commands, c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"cloister: unknown command '{args[0]}' (try 'cloister help')");
            return 2;
        }
        try
        {
            return command.Run(args[1..], stdout, stderr);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"cloister {command.Name}: {e.Message}");
            return e.ExitCode;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"cloister {command.Name}: {e.Message}");
            return 1;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"cloister {command.Name}: {e.Message}");
            return 1;
        }
    }

    static void PrintHelp(TextWriter w)
    {
        w.WriteLine("usage: cloister COMMAND [ARGS...]");
        w.WriteLine();
        foreach (var c in Commands) w.WriteLine($"  {c.Name,-10} {c.Summary}");
        w.WriteLine();
        w.WriteLine("'cloister COMMAND --help' describes one command.");
    }
}
