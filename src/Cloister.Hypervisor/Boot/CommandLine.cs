using Cloister.Hypervisor.Console;
using Cloister.Hypervisor.Xsm;

namespace Cloister.Hypervisor.Boot;

/// <summary>
/// The hypervisor's command line (ATAG_CMDLINE), Xen's options with Xen's words for mistakes:
/// <c>flask=enforcing|permissive|disabled|late</c>, <c>loglvl=none|error|warning|info|debug|all</c>
/// (Xen's <c>level[/rate-limited level]</c>; the part after '/' is accepted and has no effect),
/// <c>console=dtuart|com1|none</c>, <c>sched=credit</c>, and <c>dom0_mem=</c> / <c>dom0_vcpus=</c>,
/// which have nothing to size because dom0's services run in the host (docs/toolstack.md).
/// Unknown or malformed options are reported and otherwise ignored, as Xen does.
/// </summary>
public sealed class CommandLine
{
    public FlaskMode Flask { get; private set; } = FlaskMode.Enforcing;
    /// <summary>Cloister prints every hypervisor line by default (Xen's release default is warning).</summary>
    public LogLevel LogLevel { get; private set; } = LogLevel.All;
    public bool ConsoleOff { get; private set; }
    public string Scheduler { get; private set; } = "credit";
    /// <summary>What to print about the line once the console is up (Xen's wording).</summary>
    public List<string> Messages { get; } = [];

    public static CommandLine Parse(string text)
    {
        var cl = new CommandLine();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = word.IndexOf('=');
            string key = eq < 0 ? word : word[..eq], value = eq < 0 ? "" : word[(eq + 1)..];
            if (!cl.Apply(key, value)) cl.Messages.Add($"parameter \"{key}\" unknown!");
        }
        return cl;
    }

    bool Apply(string key, string value)
    {
        switch (key)
        {
            case "flask":
                FlaskMode? mode = value switch
                {
                    "enforcing" => FlaskMode.Enforcing,
                    "permissive" => FlaskMode.Permissive,
                    "disabled" => FlaskMode.Disabled,
                    "late" => FlaskMode.Late,
                    _ => null,
                };
                if (mode is null) Invalid(key, value); else Flask = mode.Value;
                return true;
            case "loglvl":
                if (Enum.TryParse(value.Split('/')[0], ignoreCase: true, out LogLevel level) && value.Length > 0 && !char.IsDigit(value[0]))
                    LogLevel = level;
                else
                    Invalid(key, value);
                return true;
            case "console":
                foreach (var name in value.Split(','))
                {
                    if (name == "none") ConsoleOff = true;
                    else if (name is "dtuart" or "com1") ConsoleOff = false;
                    else Invalid(key, value);
                }
                return true;
            case "sched":
                if (value != "credit") Messages.Add($"Could not find scheduler: {value}");
                return true;
            case "dom0_mem" or "dom0_vcpus":
                Messages.Add($"{key}: dom0 runs no guest code in Cloister (its services are the toolstack); ignored");
                return true;
            default:
                return false;
        }
    }

    void Invalid(string key, string value) => Messages.Add($"parameter \"{key}\" has invalid value \"{value}\", rc=-22!");
}
