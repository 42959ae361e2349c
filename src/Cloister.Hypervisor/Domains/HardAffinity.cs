using System.Globalization;

namespace Cloister.Hypervisor.Domains;

/// <summary>
/// vCPU hard affinity (Xen's vcpu_set_hard_affinity): the physical CPUs a vCPU may run on, as a
/// bit mask. The toolstack passes one mask per vCPU; the hypervisor keeps the CPUs it has and
/// refuses a mask naming none of them, as Xen refuses one with no online CPU (-EINVAL).
/// </summary>
public static class HardAffinity
{
    public const uint Any = uint.MaxValue;

    /// <summary>The configuration module's key; its value is <see cref="Format"/>'s text.</summary>
    public const string ModuleKey = "hard_affinity";

    /// <summary>Hexadecimal masks, one per vCPU, comma-separated.</summary>
    public static string Format(IEnumerable<uint> masks) => string.Join(",", masks.Select(m => $"0x{m:x}"));

    /// <summary>The masks of <see cref="Format"/>'s text; null when it is not that form.</summary>
    public static uint[]? Parse(string text)
    {
        var items = text.Split(',');
        var masks = new uint[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            string item = items[i].Trim();
            if (!item.StartsWith("0x", StringComparison.Ordinal)
                || !uint.TryParse(item[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out masks[i]))
                return null;
        }
        return masks;
    }

    /// <summary>Each vCPU's mask limited to the <paramref name="cpus"/> present: vCPUs without a
    /// mask run anywhere. Throws when a mask names no CPU present.</summary>
    public static uint[] Resolve(DomainConfig config, int vcpus, int cpus)
    {
        uint present = cpus >= 32 ? Any : (1u << cpus) - 1;
        var result = new uint[vcpus];
        for (int v = 0; v < vcpus; v++)
        {
            uint wanted = config.CpuMasks is { } m && v < m.Count ? m[v] : Any;
            result[v] = wanted & present;
            if (result[v] == 0)
                throw new Boot.BootException($"domain '{config.Name}': cpus= for vCPU {v} names no CPU this machine has (CPUs 0-{cpus - 1})");
        }
        return result;
    }
}
