namespace Cloister.Cli.Control;

/// <summary>xl's commands about a domain's life (tools/xl/xl_vmcontrol.c): reboot.</summary>
public sealed partial class XlSession
{
    /// <summary>xl reboot: "Rebooting domain N" on stderr, then the remote shutdown with reason
    /// reboot; the domain's on_reboot action (restart by default) runs in the instance.</summary>
    int Reboot(string domain)
    {
        if (FindDomain(domain) is not { } id) return Failure;
        stderr.WriteLine($"Rebooting domain {id}");
        return Control($"{id}", "reboot", "Rebooting domain", "reboot failed");
    }
}
