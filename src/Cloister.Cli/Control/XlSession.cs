using System.Globalization;

namespace Cloister.Cli.Control;

/// <summary>
/// The xl commands over one instance's control socket: each sends its requests and prints what
/// Xen's xl prints (tools/xl: xl_list.c, xl_vmcontrol.c, xl_flask.c, xl_info.c), errors on stderr
/// with a non-zero status.
/// </summary>
public sealed partial class XlSession(string socket, TextWriter stdout, TextWriter stderr)
{
    const int Failure = 1;

    public int Run(string command, string[] args) => (command, args) switch
    {
        ("list", _) => List(args),
        ("pause", [var d]) => Control(d, "pause", "Pausing domain", null),
        ("unpause", [var d]) => Control(d, "unpause", "Unpausing domain", null),
        ("destroy", [var d]) => Control(d, "destroy", "Destroying domain", "destroy failed"),
        ("shutdown", [var d]) => Control(d, "shutdown", "Shutting down domain", "shutdown failed"),
        ("getenforce", []) => GetEnforce(),
        ("setenforce", [var mode]) => SetEnforce(mode),
        ("dmesg", []) => Dmesg(),
        ("info", []) => Info(),
        ("getbool" or "setbool" or "loadpolicy", _) => PolicyCommand(command, args),
        ("top", _) => Top(args),
        ("reboot", [var d]) => Reboot(d),
        ("create", _) => Create(args),
        ("console", [var d]) => Console(d),
        ("pause" or "unpause" or "destroy" or "shutdown" or "reboot" or "console" or "setenforce" or "getenforce" or "dmesg" or "info", _) =>
            throw new UsageException($"'xl {command}' takes {(command is "getenforce" or "dmesg" or "info" ? "no arguments" : "one argument")} (see 'cloister xl --help')"),
        _ => throw new UsageException($"unknown xl command '{command}' (see 'cloister xl --help')"),
    };

    ControlProtocol.Reply Ask(string request) => ControlClient.Send(socket, request);

    /// <summary>A reply that is not a Xen errno (the instance itself failed) ends the command.</summary>
    ControlProtocol.Reply AskOrFail(string request)
    {
        var reply = Ask(request);
        if (reply.Errno == ControlProtocol.Internal) throw new UsageException(reply.Message, Failure);
        return reply;
    }

    int List(string[] args)
    {
        bool context = false, details = false;
        foreach (var a in args)
        {
            if (a == "-Z") context = true;
            else if (a == "-l") details = true;
            else throw new UsageException($"xl list: unsupported argument '{a}' (supported: -Z, -l)");
        }
        var reply = AskOrFail("list");
        if (reply.Errno is { } e) return Fail($"libxl_list_domain failed: {ControlProtocol.ErrorText(e)}");
        if (details)
        {
            var ids = reply.Lines.Select(r => int.Parse(r.Split('\t')[0], CultureInfo.InvariantCulture));
            stdout.WriteLine(XlDomainJson.Format(ids.Select(id => (id, AskOrFail($"config {id}")))
                .Where(x => x.Item2.Errno is null)
                .Select(x => (x.id, (IReadOnlyDictionary<string, string>)x.Item2.Lines.Select(l => l.Split(' ', 2))
                    .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "")))));
            return 0;
        }
        stdout.WriteLine("Name                                        ID   Mem VCPUs\tState\tTime(s)" + (context ? "   Security Label" : ""));
        foreach (var row in reply.Lines)
        {
            var f = row.Split('\t');
            double seconds = ulong.Parse(f[5], CultureInfo.InvariantCulture) / 1e9;
            ulong memMiB = ulong.Parse(f[2], CultureInfo.InvariantCulture) / 1024;
            string line = string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,5} {2,5} {3,5}     {4}  {5,8:F1}",
                f[1], f[0], memMiB, f[3], f[4], seconds);
            if (context) line += string.Format(CultureInfo.InvariantCulture, " {0,16}", f[6]);
            stdout.WriteLine(line);
        }
        return 0;
    }

    /// <summary>xl's find_domain: an id as it is, a name through the domains dom0 can list.</summary>
    int? FindDomain(string domain)
    {
        if (domain.Length > 0 && domain.All(char.IsAsciiDigit)) return int.Parse(domain, CultureInfo.InvariantCulture);
        var reply = AskOrFail($"domid {domain}");
        if (reply.Errno is null && reply.Lines.Count == 1) return int.Parse(reply.Lines[0], CultureInfo.InvariantCulture);
        stderr.WriteLine($"{domain} is an invalid domain identifier (rc=-6)");
        return null;
    }

    int Control(string domain, string request, string action, string? failed)
    {
        if (FindDomain(domain) is not { } id) return Failure;
        var reply = AskOrFail($"{request} {id}");
        if (reply.Errno is not { } e) return 0;
        stderr.WriteLine($"libxl: error: Domain {id}:{action}: {ControlProtocol.ErrorText(e)}");
        // libxl's ERROR_FAIL (-3) is what xl reports for a failed destroy or shutdown.
        if (failed is not null) stderr.WriteLine($"{failed} (rc=-3)");
        return Failure;
    }

    int GetEnforce()
    {
        var reply = AskOrFail("getenforce");
        if (reply.Errno == 38) { stdout.WriteLine("Flask XSM Disabled"); return 0; }
        if (reply.Errno is not null) return Fail("Failed to get enforcing mode");
        stdout.WriteLine(reply.Lines[0] == "1" ? "Enforcing" : "Permissive");
        return 0;
    }

    int SetEnforce(string mode)
    {
        string? value = mode.ToLowerInvariant() switch
        {
            "1" or "enforcing" => "1",
            "0" or "permissive" => "0",
            _ => null,
        };
        if (value is null) throw new UsageException("xl setenforce: the mode is 1, 0, Enforcing or Permissive");
        var reply = AskOrFail($"setenforce {value}");
        if (reply.Errno is not { } e) return 0;
        return Fail(e == 38 ? "Flask XSM disabled" : $"error occured while setting enforcing mode (-1): {ControlProtocol.ErrorText(e)}");
    }

    int Dmesg()
    {
        var reply = AskOrFail("dmesg");
        if (reply.Errno is { } e) return Fail($"libxl: error: Reading console ring buffer: {ControlProtocol.ErrorText(e)}");
        foreach (var line in reply.Lines) stdout.WriteLine(line);
        return 0;
    }

    int Info()
    {
        var reply = AskOrFail("info");
        if (reply.Errno is { } e) return Fail($"libxl_physinfo failed: {ControlProtocol.ErrorText(e)}");
        var facts = reply.Lines.Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => p[1]);
        // Pages are 4 KiB: 256 to a MiB.
        long MiB(string key) => long.Parse(facts[key], CultureInfo.InvariantCulture) / 256;
        void Line(string key, object value) => stdout.WriteLine($"{key,-23}: {value}");
        Line("host", Environment.MachineName);
        Line("nr_cpus", facts["nr_cpus"]);
        Line("total_memory", MiB("total_pages"));
        Line("free_memory", MiB("free_pages"));
        Line("xen_major", facts["xen_major"]);
        Line("xen_minor", facts["xen_minor"]);
        Line("xen_extra", facts["xen_extra"]);
        Line("xen_version", $"{facts["xen_major"]}.{facts["xen_minor"]}{facts["xen_extra"]}");
        Line("xen_caps", facts["xen_caps"]);
        return 0;
    }

    int Fail(string message)
    {
        stderr.WriteLine(message);
        return Failure;
    }
}
