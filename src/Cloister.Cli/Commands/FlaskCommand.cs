using Cloister.Flask;
using Cloister.Flask.Binary;
using Cloister.Flask.Model;
using Cloister.Flask.Server;

namespace Cloister.Cli.Commands;

/// <summary>`cloister flask`: inspect a compiled FLASK policy and ask it access and labelling questions.</summary>
public sealed class FlaskCommand : ICommand
{
    public string Name => "flask";
    public string Summary => "inspect a FLASK policy: info, compute-av, transition";

    const string Usage =
        "usage: cloister flask info POLICY\n" +
        "       cloister flask compute-av [--bool NAME=0|1]... POLICY [SCONTEXT TCONTEXT CLASS]\n" +
        "       cloister flask transition [--bool NAME=0|1]... POLICY SCONTEXT TCONTEXT CLASS";

    /// <summary>Errors stay on one line; the full usage is one `--help` away.</summary>
    const string ShortUsage = "expected info, compute-av or transition (try 'cloister flask --help')";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0) throw new UsageException(ShortUsage);
        if (args[0] is "-h" or "--help" or "help") { stdout.WriteLine(Usage); return 0; }
        var (bools, rest) = SplitBoolOptions(args[1..]);
        return args[0] switch
        {
            "info" when rest.Count == 1 && bools.Count == 0 => Info(rest[0], stdout),
            "compute-av" when rest.Count is 1 or 4 => ComputeAv(rest, bools, stdout, stderr),
            "transition" when rest.Count == 4 => Transition(rest, bools, stdout, stderr),
            "info" or "compute-av" or "transition" =>
                throw new UsageException($"wrong arguments for '{args[0]}' (try 'cloister flask --help')"),
            _ => throw new UsageException($"unknown sub-command '{args[0]}': {ShortUsage}"),
        };
    }

    static (List<(string Name, bool Value)>, List<string>) SplitBoolOptions(string[] args)
    {
        var bools = new List<(string, bool)>();
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] != "--bool") { rest.Add(args[i]); continue; }
            if (i + 1 == args.Length) throw new UsageException("--bool needs NAME=0|1");
            var setting = args[++i];
            int eq = setting.IndexOf('=');
            string value = eq < 0 ? "" : setting[(eq + 1)..];
            if (eq <= 0 || value is not ("0" or "1" or "true" or "false"))
                throw new UsageException($"--bool '{setting}': expected NAME=0 or NAME=1");
            bools.Add((setting[..eq], value is "1" or "true"));
        }
        return (bools, rest);
    }

    static SecurityServer LoadPolicy(string path, List<(string Name, bool Value)> bools)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new UsageException($"{path}: no such file", 1);
        if (info.Length > PolicyReader.MaxPolicyBytes) throw new UsageException($"{path}: {info.Length} bytes is too large for a policy", 1);
        var server = new SecurityServer();
        if (server.Load(File.ReadAllBytes(path), out string error) != 0)
            throw new UsageException($"{path}: {error}", 1);
        foreach (var (name, value) in bools)
        {
            int b = server.FindBool(name);
            if (b == 0) throw new UsageException($"{path}: no boolean named '{name}'", 1);
            server.SetBool(b, value, commit: false);
        }
        server.CommitBools();
        return server;
    }

    static int Info(string path, TextWriter stdout)
    {
        var server = LoadPolicy(path, []);
        foreach (var (name, value) in PolicySummary.Describe(server.Policy!))
            stdout.WriteLine($"{name}: {value}");
        return 0;
    }

    static int ComputeAv(List<string> rest, List<(string, bool)> bools, TextWriter stdout, TextWriter stderr)
    {
        var server = LoadPolicy(rest[0], bools);
        if (rest.Count == 4)
        {
            string? line = AnswerAv(server, rest[1], rest[2], rest[3], out string error);
            if (line is null) { stderr.WriteLine($"cloister flask: {error}"); return 1; }
            stdout.WriteLine(line);
            return 0;
        }
        // Batch mode: one query per line on stdin, one answer per line on stdout.
        int failures = 0, lineNo = 0;
        for (string? input; (input = Console.In.ReadLine()) is not null;)
        {
            lineNo++;
            var words = input.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('#')) continue;
            string error = "expected SCONTEXT TCONTEXT CLASS";
            string? line = words.Length == 3 ? AnswerAv(server, words[0], words[1], words[2], out error) : null;
            if (line is null)
            {
                // Keep answers aligned with queries: an empty answer line, the reason on stderr.
                stderr.WriteLine($"cloister flask: line {lineNo}: {error}");
                failures++;
                line = "";
            }
            stdout.WriteLine(line);
        }
        return failures == 0 ? 0 : 1;
    }

    /// <summary>The allowed permission names in declaration order, or null and a reason.</summary>
    static string? AnswerAv(SecurityServer server, string scontext, string tcontext, string className, out string error)
    {
        if (!TryQuery(server, scontext, tcontext, className, out var s, out var t, out int cls, out error)) return null;
        server.ComputeAv(s, t, cls, out var d);
        var perms = server.Policy!.Classes[cls - 1].Permissions;
        var names = new List<string>();
        for (int bit = 0; bit < perms.Length; bit++)
            if (perms[bit] is { } name && (d.Allowed & (1u << bit)) != 0) names.Add(name);
        return string.Join(' ', names);
    }

    static int Transition(List<string> rest, List<(string, bool)> bools, TextWriter stdout, TextWriter stderr)
    {
        var server = LoadPolicy(rest[0], bools);
        if (!TryQuery(server, rest[1], rest[2], rest[3], out var s, out var t, out int cls, out string error))
        {
            stderr.WriteLine($"cloister flask: {error}");
            return 1;
        }
        int rc = server.ComputeContext(s, t, cls, AvKind.Transition, out var result);
        if (rc != 0)
        {
            stderr.WriteLine("cloister flask: the computed context is not valid in this policy");
            return 1;
        }
        stdout.WriteLine(ContextStrings.Format(server.Policy!, result));
        return 0;
    }

    static bool TryQuery(SecurityServer server, string scontext, string tcontext, string className,
        out SecurityContext s, out SecurityContext t, out int cls, out string error)
    {
        var p = server.Policy!;
        s = t = default;
        cls = p.ClassByName.GetValueOrDefault(className);
        if (!TryContext(p, scontext, out s, out error) || !TryContext(p, tcontext, out t, out error)) return false;
        if (cls == 0) { error = $"unknown class '{className}'"; return false; }
        return true;
    }

    static bool TryContext(PolicyDb p, string text, out SecurityContext c, out string error)
    {
        c = default;
        var parsed = ContextStrings.Parse(p, text, out error);
        if (parsed is null) { error = $"invalid context '{text}': {error}"; return false; }
        if (!ContextValidity.IsValid(p, parsed.Value))
        {
            error = $"invalid context '{text}': {ContextValidity.Explain(p, parsed.Value)}";
            return false;
        }
        c = parsed.Value;
        return true;
    }
}
