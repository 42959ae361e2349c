using BenchmarkDotNet.Attributes;
using Cloister.Flask.Server;

namespace Cloister.Flask.Bench;

/// <summary>
/// Cost of an access decision on the project's policy: an AVC hit (the hypercall fast
/// path), a miss (a full compute_av in the security server), and a hit through
/// avc_has_perm with its audit check.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class AvcBenchmarks
{
    SecurityServer server = null!;
    Avc avc = null!;
    uint dom0, domU, ui, vault;
    int domainClass, grantClass;

    [GlobalSetup]
    public void Setup()
    {
        server = new SecurityServer();
        if (server.Load(File.ReadAllBytes(PolicyPath.Find()), out string error) != 0) throw new InvalidOperationException(error);
        avc = new Avc(server);
        server.ContextToSid("system_u:system_r:dom0_t", out dom0, out _);
        server.ContextToSid("system_u:system_r:domU_t", out domU, out _);
        server.ContextToSid("system_u:system_r:ui_t", out ui, out _);
        server.ContextToSid("system_u:system_r:vault_t", out vault, out _);
        domainClass = server.ClassValue("domain");
        grantClass = server.ClassValue("grant");
        avc.Lookup(dom0, domU, domainClass, out _);
        avc.Lookup(ui, vault, grantClass, out _);
    }

    [Benchmark(Description = "AVC hit (Lookup)")]
    public uint AvcHit()
    {
        avc.Lookup(dom0, domU, domainClass, out var d);
        return d.Allowed;
    }

    [Benchmark(Description = "AVC hit (HasPerm)")]
    public int AvcHasPerm() => avc.HasPerm(ui, vault, grantClass, 1);

    [Benchmark(Description = "AVC miss (security server compute_av)")]
    public uint ComputeAv()
    {
        server.ComputeAv(dom0, domU, domainClass, out var d);
        return d.Allowed;
    }
}

static class PolicyPath
{
    public static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Cloister.slnx"))) return Path.Combine(d.FullName, "policy", "cloister.30");
        throw new InvalidOperationException("repository root not found");
    }
}
