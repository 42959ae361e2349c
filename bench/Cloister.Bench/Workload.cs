namespace Cloister.Bench;

/// <summary>A benchmark guest: an ELF that runs `iterations` rounds of its kernel, read from the
/// semihosting command line, then exits. Two sizes are run so start-up cost cancels out.</summary>
public sealed record Workload(string Name, string Description, int SmallIterations, int LargeIterations)
{
    public static readonly Workload[] All =
    [
        new("integer-arm", "CRC, sieve, matrix multiply (ARM)", 1000, 11000),
        new("integer-thumb", "the same kernel compiled for Thumb", 1000, 11000),
        new("indirect-arm", "calls through a table of function pointers", 5000, 50000),
        new("svc-arm", "SVC exception round trips", 10000, 100000),
        new("mixed-arm", "quicksort, switch interpreter, hashing, binary search (ARM)", 300, 3300),
        new("mixed-thumb", "the same compiled for Thumb (division in ARM libgcc)", 300, 3300),
        new("mmu-arm", "strided accesses over 1024 small pages with TLB flushes (MMU on)", 50, 550),
    ];

    public string ElfPath(string root) => Path.Combine(root, "bench", "workloads", "bin", Name + ".elf");
}
