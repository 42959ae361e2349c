using System.Text;
using Cloister.Hypervisor.Domains;

namespace Cloister.Hypervisor.Boot;

/// <summary>
/// A domain the hypervisor builds at boot: its settings, with the keys of a configuration module
/// (name, memory and maxmem in MiB, vcpus, cmdline, seclabel, cpu_weight, cap, hard_affinity), and its kernel module. The
/// module bundle and the device tree both end here, so both get the same defaults and limits.
/// </summary>
public sealed record BootDomain(IReadOnlyDictionary<string, string> Settings, BootModule Kernel)
{
    const int MaxVcpus = 4;

    public DomainConfig ToConfig()
    {
        var c = Settings;
        string name = c.GetValueOrDefault("name", Kernel.Name);
        uint mem = uint.TryParse(c.GetValueOrDefault("memory", "4"), out uint v) ? v : 4;
        int vcpus = int.TryParse(c.GetValueOrDefault("vcpus", "1"), out int n) ? Math.Clamp(n, 1, MaxVcpus) : 1;
        int weight = int.TryParse(c.GetValueOrDefault("cpu_weight", "256"), out int w) ? Math.Clamp(w, 1, 65535) : 256;
        int cap = int.TryParse(c.GetValueOrDefault("cap", "0"), out int cp) ? Math.Clamp(cp, 0, 100 * vcpus) : 0;
        uint maxmem = uint.TryParse(c.GetValueOrDefault("maxmem", "0"), out uint mm) ? mm : 0;
        return new DomainConfig(name, mem, c.GetValueOrDefault("seclabel", "system_u:system_r:domU_t"), Kernel.Data, Kernel.Name, vcpus,
            c.GetValueOrDefault("cmdline", ""), weight, cap, CpuMasks(c), maxmem);
    }

    /// <summary>The module's hard_affinity line; a malformed one is a boot panic, not "any CPU".</summary>
    IReadOnlyList<uint>? CpuMasks(IReadOnlyDictionary<string, string> c) =>
        !c.TryGetValue(HardAffinity.ModuleKey, out string? text) ? null
            : HardAffinity.Parse(text) ?? throw new BootException($"{Kernel.Name}: {HardAffinity.ModuleKey}={text} is not a list of 0x masks");

    /// <summary>The bundle's domains: each kernel module with the configuration module before it.</summary>
    public static IEnumerable<BootDomain> FromBundle(IReadOnlyList<BootModule> modules)
    {
        Dictionary<string, string>? pending = null;
        foreach (var m in modules)
        {
            if (m.Kind == ModuleKind.DomainConfig)
            {
                pending = ParseSimpleConfig(Encoding.UTF8.GetString(m.Data));
            }
            else if (m.Kind is ModuleKind.DomainKernel or ModuleKind.Dom0Kernel)
            {
                yield return new BootDomain(pending ?? [], m);
                pending = null;
            }
        }
    }

    /// <summary>The resolved KEY=VALUE form the toolstack puts in a configuration module.</summary>
    static Dictionary<string, string> ParseSimpleConfig(string text)
    {
        var result = new Dictionary<string, string>();
        foreach (var raw in text.Split('\n'))
        {
            int eq = raw.IndexOf('=');
            if (eq <= 0) continue;
            result[raw[..eq].Trim()] = raw[(eq + 1)..].Trim().Trim('"');
        }
        return result;
    }
}
