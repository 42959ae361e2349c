namespace Cloister.Hypervisor.Domains;

/// <summary>What the hypervisor needs to build a domain (the toolstack turns xl.cfg into this).
/// <paramref name="CpuMasks"/>: each vCPU's hard affinity (xl.cfg cpus=), null or short for "any CPU".
/// <paramref name="MaxMemoryMiB"/>: xl.cfg maxmem, the most the domain may hold (max_pages); below
/// <paramref name="MemoryMiB"/> (0 included) it is taken as equal to it.</summary>
public sealed record DomainConfig(string Name, uint MemoryMiB, string Label, byte[] Kernel, string KernelName, int Vcpus = 1,
    string CommandLine = "", int Weight = 256, int Cap = 0, IReadOnlyList<uint>? CpuMasks = null, uint MaxMemoryMiB = 0);
