using System.Text;
using System.Text.RegularExpressions;

namespace Cloister.Cli.Commands;

/// <summary>
/// `cloister demo`: the secure-phone scenario (examples/secure-phone). A vault domain serves a
/// UI domain through a vchan granted to the UI alone; a compromised radio domain attacks the
/// vault and the system meanwhile; every attempt fails, FLASK denies and audits those the policy
/// decides. Ends with a summary table.
/// </summary>
public sealed partial class DemoCommand : ICommand
{
    public string Name => "demo";
    public string Summary => "run the secure-phone demonstration (vault, UI, compromised radio)";

    static readonly string[] Domains = ["vault", "ui", "radio"];

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string machine = "versatilepb";
        string? cpu = null, smp = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "-h" or "--help":
                    stdout.WriteLine("usage: cloister demo [-M versatilepb|realview-eb-mpcore] [-cpu CPU] [-smp N]");
                    stdout.WriteLine("Defaults: versatilepb with arm1176; realview-eb-mpcore with arm11mpcore.");
                    stdout.WriteLine("Runs the secure-phone scenario of examples/secure-phone and prints a summary.");
                    return 0;
                case "-M" or "-machine": machine = Next(); break;
                case "-cpu": cpu = Next(); break;
                case "-smp": smp = Next(); break;
                default: throw new UsageException($"unknown option '{args[i]}' (see 'cloister demo --help')");
            }
        }
        string dir = FindScenario()
            ?? throw new UsageException("examples/secure-phone not found: run the demo from a Cloister checkout", 1);

        // The phone is an ARM11: arm1176 on the Versatile board, the MPCore on its own board.
        string boardCpu = Platform.Boards.Board.Find(machine)?.DefaultCpu ?? "arm926";
        cpu ??= boardCpu == "arm926" ? "arm1176" : boardCpu;
        string cpus = smp is null ? "" : $", {smp} CPUs";
        stdout.WriteLine($"Cloister secure-phone demo on {machine} ({cpu}{cpus}): vault, UI and a compromised radio.");
        stdout.WriteLine();
        var captured = new StringWriter();
        var tee = new TeeWriter(stdout, captured);
        int exit = new RunCommand(serveControl: false).Run(
            ["-M", machine, "-cpu", cpu, .. (smp is null ? (string[])[] : ["-smp", smp]), .. Domains.Select(d => Path.Combine(dir, d + ".cfg"))], tee, stderr);
        tee.Flush();
        stdout.WriteLine();
        WriteSummary(stdout, captured.ToString());
        return exit;
    }

    static string? FindScenario()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, "examples", "secure-phone");
                if (File.Exists(Path.Combine(candidate, "vault.cfg"))) return candidate;
            }
        return null;
    }

    [GeneratedRegex(@"^\(XEN\) avc:  denied  \{ (?<perms>[^}]*) \} for .* tclass=(?<cls>\S+)")]
    private static partial Regex DenialLine();
    [GeneratedRegex(@"^\(XEN\) d(?<id>\d+): created '(?<name>[^']*)', .* label (?<label>\S+),")]
    private static partial Regex CreatedLine();
    [GeneratedRegex(@"^\(XEN\) d(?<id>\d+): (shutdown, reason (?<reason>\w+)|destroyed by d\d+)")]
    private static partial Regex EndedLine();

    static void WriteSummary(TextWriter w, string output)
    {
        var lines = output.Split('\n');
        var domains = new List<(string Id, string Name, string Label)>();
        var ended = new Dictionary<string, string>();
        var denials = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (CreatedLine().Match(line) is { Success: true } c) domains.Add((c.Groups["id"].Value, c.Groups["name"].Value, c.Groups["label"].Value));
            if (EndedLine().Match(line) is { Success: true } e) ended[e.Groups["id"].Value] = e.Groups["reason"].Success ? e.Groups["reason"].Value : "destroyed";
            if (DenialLine().Match(line) is { Success: true } d)
                foreach (var perm in d.Groups["perms"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    string key = $"{d.Groups["cls"].Value,-9} {perm}";
                    denials[key] = denials.GetValueOrDefault(key) + 1;
                }
        }
        string Value(string prefix) =>
            lines.Select(l => l.Trim()).FirstOrDefault(l => l.Contains(prefix)) is { } l ? l[(l.LastIndexOf(' ') + 1)..] : "?";

        w.WriteLine("Summary");
        w.WriteLine($"  {"domain",-7} {"label",-28} ended");
        foreach (var (id, name, label) in domains)
            w.WriteLine($"  {name,-7} {label,-28} {ended.GetValueOrDefault(id, "running")}");
        w.WriteLine($"  vault requests served:     {Value("vault: requests served:")}");
        w.WriteLine($"  attacks tried by radio:    {Value("radio: attacks tried ->")}");
        w.WriteLine($"  denials audited by FLASK:  {denials.Values.Sum()}");
        foreach (var (key, count) in denials) w.WriteLine($"    {key,-28} {count}");
    }

    /// <summary>Writes to the console and keeps a copy for the summary.</summary>
    sealed class TeeWriter(TextWriter a, TextWriter b) : TextWriter
    {
        public override Encoding Encoding => a.Encoding;
        public override void Write(char value) { a.Write(value); b.Write(value); }
        public override void Write(string? value) { a.Write(value); b.Write(value); }
        public override void Flush() { a.Flush(); b.Flush(); }
    }
}
