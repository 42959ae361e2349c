using System.Globalization;
using System.Text.Json;
using Cloister.Hypervisor.Hypercalls;
using Cloister.Toolstack;

namespace Cloister.Cli.Control;

/// <summary>xl create [-c] [-p] CFG [KEY=VALUE...] (tools/xl/xl_vmcontrol.c create_domain): the file
/// is parsed here, with the KEY=VALUE arguments appended as extra lines as xl does, and built by
/// the instance's dom0; -p leaves it paused, -c attaches its console.</summary>
public sealed partial class XlSession
{
    int Create(string[] args)
    {
        string? file = null;
        var extra = new List<string>();
        bool attach = false, paused = false;
        foreach (var a in args)
        {
            if (a == "-c") attach = true;
            else if (a == "-p") paused = true;
            else if (a.StartsWith('-')) throw new UsageException($"xl create: unsupported option '{a}' (supported: -c, -p)");
            else if (file is null) file = a;
            else if (a.Contains('=')) extra.Add(a);
            else throw new UsageException($"xl create: '{a}' is not KEY=VALUE");
        }
        if (file is null) throw new UsageException("xl create: no configuration file given (xl create CFG [KEY=VALUE...])");
        stderr.WriteLine($"Parsing config from {file}");
        XlConfig cfg;
        DomainSpec spec;
        try
        {
            cfg = XlConfig.Load(file, extra);
            spec = DomainSpec.From(cfg, w => stderr.WriteLine(w));
        }
        catch (XlConfigException bad)
        {
            return Fail(bad.Message);
        }
        // With -c the domain starts once its console is attached, so that none of its output is missed.
        var reply = AskOrFail($"create {(paused || attach ? "-p " : "")}{JsonSerializer.Serialize(spec)}");
        if (reply.Errno is { } e)
        {
            string? key = RefusedKey(e, reply.Message);
            string where = key is null ? file : cfg.LineOf(key) is > 0 and var line ? $"{file}:{line}: key '{key}'" : $"{file}: key '{key}'";
            return Fail($"libxl: error: {where}: cannot make domain: {reply.Message}");
        }
        if (!attach) return 0;
        int domid = int.Parse(reply.Lines[0], CultureInfo.InvariantCulture);
        return AttachConsole(domid, paused ? null : () => AskOrFail($"unpause {domid}"));
    }

    /// <summary>The configuration key a refused build is about: a name in use, the label dom0 may not create or the
    /// policy does not know, the memory that is not free, the kernel, command line or CPUs the builder refused.</summary>
    static string? RefusedKey(int errno, string message) => errno switch
    {
        Errno.EACCES => "seclabel",
        Errno.EEXIST => "name",
        Errno.ENOMEM => "memory",
        Errno.EINVAL when message.StartsWith("seclabel", StringComparison.Ordinal) => "seclabel",
        Errno.EINVAL when message.Contains("command line", StringComparison.Ordinal) => "cmdline",
        Errno.EINVAL when message.Contains("cpus=", StringComparison.Ordinal) => "cpus",
        Errno.EINVAL => "kernel",
        _ => null,
    };
}
