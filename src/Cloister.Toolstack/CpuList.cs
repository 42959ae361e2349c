using System.Globalization;

namespace Cloister.Toolstack;

/// <summary>
/// xl.cfg's CPULIST (docs/man/xl.cfg, `cpus=`): comma-separated items, each "all", a CPU "N", a
/// range "N-M", or a NUMA node "node:N"/"nodes:N-M"; a leading '^' removes the item's CPUs
/// instead of adding them. Items apply left to right on an empty set, as xl's parse_cpurange.
/// The result is a bit mask of host CPUs; which of them exist only the hypervisor knows.
/// </summary>
public static class CpuList
{
    /// <summary>Every CPU a mask can name ("all"): the hypervisor keeps those it has.</summary>
    public const uint All = Hypervisor.Domains.HardAffinity.Any;
    const int MaskBits = 32;

    /// <summary>The mask <paramref name="text"/> names; a mistake is described in <paramref name="error"/>.</summary>
    public static bool TryParse(string text, out uint mask, out string error)
    {
        mask = 0;
        error = "";
        // strtok in xl skips empty items, so "1,,2" is "1,2".
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string item = raw;
            bool remove = item.StartsWith('^');
            if (remove) item = item[1..];
            bool nodes = false;
            foreach (var prefix in (string[])["nodes:", "node:"])
                if (item.StartsWith(prefix, StringComparison.Ordinal)) { item = item[prefix.Length..]; nodes = true; break; }
            if (item == "all")
            {
                if (remove) { error = "'^' cannot be combined with 'all'"; return false; }
                mask = All;
                continue;
            }
            if (!TryRange(item, out int first, out int last)) { error = $"'{raw}' is not a CPU, a range N-M or 'all'"; return false; }
            uint bits;
            if (nodes)
            {
                // The boards have one memory node, node 0, holding every CPU.
                if (last > 0) { error = $"'{raw}': the host has one NUMA node, node 0"; return false; }
                bits = All;
            }
            else
            {
                if (last >= MaskBits) { error = $"'{raw}': CPU {last} is beyond the {MaskBits} a mask can name"; return false; }
                bits = (uint)((1UL << (last + 1)) - (1UL << first));
            }
            mask = remove ? mask & ~bits : mask | bits;
        }
        if (mask == 0) { error = $"'{text}' selects no CPU"; return false; }
        return true;
    }

    /// <summary>"N" or "N-M" with N ≤ M, decimal digits only (xl's parse_range).</summary>
    static bool TryRange(string item, out int first, out int last)
    {
        first = last = 0;
        int dash = item.IndexOf('-');
        string a = dash < 0 ? item : item[..dash], b = dash < 0 ? item : item[(dash + 1)..];
        return Number(a, out first) && Number(b, out last) && first <= last;
    }

    static bool Number(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
