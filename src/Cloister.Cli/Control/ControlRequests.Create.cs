using System.Globalization;
using System.Text.Json;
using Cloister.Hypervisor.Control;
using Cloister.Hypervisor.Hypercalls;
using Cloister.Toolstack;

namespace Cloister.Cli.Control;

/// <summary>`create [-p] SPEC-JSON`: builds a domain from a checked xl.cfg (the client parsed it, as
/// xl does) through dom0's domain builder, left paused with -p; replies with the new domain's id.</summary>
public sealed partial class ControlRequests
{
    string Create(Dom0Services dom0, string argument)
    {
        bool paused = argument.StartsWith("-p ", StringComparison.Ordinal);
        string json = paused ? argument[3..] : argument;
        DomainSpec? spec;
        try { spec = JsonSerializer.Deserialize<DomainSpec>(json); }
        catch (JsonException e) { return ControlProtocol.Error(Errno.EINVAL, $"malformed create request: {e.Message}"); }
        if (spec is null) return ControlProtocol.Error(Errno.EINVAL, "malformed create request");
        // libxl refuses a second domain of the same name (libxl__domain_rename).
        if (dom0.FindByName(spec.Name) is not null)
            return ControlProtocol.Error(Errno.EEXIST, $"Domain with name \"{spec.Name}\" already exists.");
        Hypervisor.Domains.DomainConfig config;
        try { config = spec.ToDomainConfig(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ControlProtocol.Error(Errno.EINVAL, $"cannot read the kernel: {e.Message}");
        }
        int rc = dom0.CreateDomain(config, paused, out int domid, out string error);
        if (rc < 0) return ControlProtocol.Error(-rc, error.Length > 0 ? error : ControlProtocol.ErrorText(-rc));
        Specs.Add(domid, spec);
        return ControlProtocol.Ok(domid.ToString(CultureInfo.InvariantCulture));
    }
}
