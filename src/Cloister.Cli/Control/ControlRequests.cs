using System.Globalization;
using Cloister.Hypervisor.Control;
using Cloister.Hypervisor.Hypercalls;

namespace Cloister.Cli.Control;

/// <summary>
/// Executes control requests as dom0, through <see cref="Dom0Services"/>, on the machine's
/// thread. Each request is the twin of the hypercalls libxl makes for the xl command, so the
/// policy's decisions and audit records are those of dom0 (docs/toolstack.md lists them).
/// </summary>
public sealed partial class ControlRequests
{
    /// <summary>dom0's services; null until the hypervisor has built the domains.</summary>
    public Dom0Services? Dom0 { get; set; }

    /// <summary>The configurations the domains were built from, by id.</summary>
    public Toolstack.Lifecycle.DomainRegistry Specs { get; init; } = new();

    public string Execute(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return ControlProtocol.Error(Errno.EINVAL, "empty request");
        if (Dom0 is not { } dom0) return ControlProtocol.Error(ControlProtocol.Internal, "the domains are not built yet");
        if (words[0] == "create") return Create(dom0, line["create".Length..].Trim());
        string? arg = words.Length > 1 ? words[1] : null;
        return (words[0], arg) switch
        {
            ("list", null) => ControlProtocol.Ok(dom0.ListDomains().Select(Row)),
            ("domid", { } name) => DomainId(dom0, name),
            ("config", { } id) => Config(dom0, id),
            ("pause", { } id) => WithId(id, dom0.PauseDomain),
            ("unpause", { } id) => WithId(id, dom0.UnpauseDomain),
            ("destroy", { } id) => WithId(id, dom0.DestroyDomain),
            ("shutdown", { } id) => WithId(id, dom0.ShutdownDomain),
            ("reboot", { } id) => WithId(id, dom0.RebootDomain),
            ("getenforce", null) => Result(dom0.GetEnforce(), v => v.ToString(CultureInfo.InvariantCulture)),
            ("setenforce", "0" or "1") => Result(dom0.SetEnforce(arg == "1"), _ => null),
            ("dmesg", null) => Dmesg(dom0),
            ("info", null) => Info(dom0),
            ("getbool" or "setbool" or "loadpolicy", _) => PolicyRequest(dom0, words),
            ("top", null) => Top(dom0),
            _ => ControlProtocol.Error(Errno.EINVAL, $"unknown request '{line}'"),
        };
    }

    /// <summary>ID NAME MEM-KiB VCPUS STATE CPU-ns LABEL, tab-separated; STATE is xl's six letters.</summary>
    static string Row(DomainStatus s)
    {
        const string ShutdownReasonLetters = "-rscwS";
        char reason = s.Shutdown ? (s.ShutdownReason < ShutdownReasonLetters.Length ? ShutdownReasonLetters[(int)s.ShutdownReason] : '?') : '-';
        string state = $"{(s.Running ? 'r' : '-')}{(s.Blocked ? 'b' : '-')}{(s.Paused ? 'p' : '-')}{(s.Shutdown ? 's' : '-')}{reason}{(s.Dying ? 'd' : '-')}";
        return string.Join('\t', s.Id, s.Name, s.MemoryKiB, s.OnlineVcpus, state, s.CpuTimeNs, s.Label ?? "-");
    }

    /// <summary>libxl_name_to_domid: a name among the domains dom0 may list.</summary>
    static string DomainId(Dom0Services dom0, string name) =>
        dom0.FindByName(name) is { } id ? ControlProtocol.Ok(id.ToString(CultureInfo.InvariantCulture))
            : ControlProtocol.Error(Errno.EINVAL, $"no domain named '{name}'");

    /// <summary>libxl_retrieve_domain_configuration: the configuration of a domain dom0 may list,
    /// as KEY VALUE lines (the client writes xl's JSON).</summary>
    string Config(Dom0Services dom0, string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            || Specs.Find(id) is not { } c || dom0.ListDomains().All(s => s.Id != id))
            return ControlProtocol.Error(Errno.ESRCH, ControlProtocol.ErrorText(Errno.ESRCH));
        string[] lines = [$"name {c.Name}", $"ssid_label {c.SecLabel}", $"max_vcpus {c.Vcpus}",
            $"memkb {c.MemoryMiB * 1024}", $"maxmemkb {Math.Max(c.MaxMemMiB, c.MemoryMiB) * 1024}", $"weight {c.Weight}", $"cap {c.Cap}",
            $"kernel {c.KernelPath}", $"cmdline {c.CommandLine}", $"on_poweroff {c.OnPoweroff}", $"on_reboot {c.OnReboot}", $"on_crash {c.OnCrash}"];
        // libxl's bitmaps have a bit per host CPU, so "all" lists the CPUs the host has.
        uint present = dom0.Host.Cpus >= 32 ? Hypervisor.Domains.HardAffinity.Any : (1u << dom0.Host.Cpus) - 1;
        if (c.CpuMasks is { } masks) lines = [.. lines, $"cpus {Hypervisor.Domains.HardAffinity.Format(masks.Select(m => m & present))}"];
        return ControlProtocol.Ok(lines);
    }

    static string WithId(string text, Func<int, int> op) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            ? Result(op(id), _ => null)
            : ControlProtocol.Error(Errno.EINVAL, $"'{text}' is not a domain id");

    static string Result(int rc, Func<int, string?> line) =>
        rc < 0 ? ControlProtocol.Error(-rc, ControlProtocol.ErrorText(-rc))
            : line(rc) is { } l ? ControlProtocol.Ok(l) : ControlProtocol.Ok();

    static string Dmesg(Dom0Services dom0)
    {
        int rc = dom0.ReadConsole(out string text);
        return rc < 0 ? Result(rc, _ => null) : ControlProtocol.Ok(text.TrimEnd('\n').Split('\n'));
    }

    static string Info(Dom0Services dom0)
    {
        int rc = dom0.PhysInfo(out int cpus, out int total, out int free);
        if (rc < 0) return Result(rc, _ => null);
        return ControlProtocol.Ok(
            $"nr_cpus {cpus}",
            $"total_pages {total}",
            $"free_pages {free}",
            $"xen_major {XenVersion.Major}",
            $"xen_minor {XenVersion.Minor}",
            $"xen_extra {XenVersion.Extra}",
            $"xen_caps {dom0.Host.Caps}");
    }
}
