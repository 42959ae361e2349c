using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cloister.Hypervisor.Domains;

namespace Cloister.Cli.Control;

/// <summary>`xl list -l`: libxl's JSON of each domain's configuration (libxl_domain_config: c_info,
/// b_info, the on_* actions), with the fields Cloister's configurations have, indented by four as
/// yajl's beautified output.</summary>
public static class XlDomainJson
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 4 };

    public static string Format(IEnumerable<(int Id, IReadOnlyDictionary<string, string> Config)> domains)
    {
        var array = new JsonArray();
        foreach (var (id, c) in domains)
        {
            long Number(string key) => long.Parse(c[key], CultureInfo.InvariantCulture);
            var pv = new JsonObject { ["kernel"] = c["kernel"] };
            if (c["cmdline"].Length > 0) pv["cmdline"] = c["cmdline"];
            var build = new JsonObject { ["max_vcpus"] = Number("max_vcpus") };
            // libxl writes a bitmap as the array of its set bits; absent when cpus= was not given.
            if (c.TryGetValue("cpus", out string? cpus) && HardAffinity.Parse(cpus) is { } masks)
                build["vcpu_hard_affinity"] = new JsonArray([.. masks.Select(m => (JsonNode)new JsonArray([.. SetBits(m)]))]);
            build["max_memkb"] = Number(c.ContainsKey("maxmemkb") ? "maxmemkb" : "memkb");
            build["target_memkb"] = Number("memkb");
            build["sched_params"] = new JsonObject { ["weight"] = Number("weight"), ["cap"] = Number("cap") };
            build["type.pv"] = pv;
            array.Add(new JsonObject
            {
                ["domid"] = id,
                ["config"] = new JsonObject
                {
                    ["c_info"] = new JsonObject { ["type"] = "pv", ["name"] = c["name"], ["ssid_label"] = c["ssid_label"] },
                    ["b_info"] = build,
                    ["on_poweroff"] = c["on_poweroff"],
                    ["on_reboot"] = c["on_reboot"],
                    ["on_crash"] = c["on_crash"],
                },
            });
        }
        return array.ToJsonString(Indented);
    }

    static IEnumerable<JsonNode> SetBits(uint mask) =>
        Enumerable.Range(0, 32).Where(b => (mask & (1u << b)) != 0).Select(b => (JsonNode)JsonValue.Create(b));
}
