namespace Cloister.Platform.Boards;

/// <summary>
/// A board: its identity and memory layout as data, plus the one method that puts its devices
/// on a machine's bus and wires their interrupts. Adding a board = one more subclass here and
/// one more entry in <see cref="All"/>.
/// </summary>
public abstract class Board
{
    /// <summary>QEMU's -M name.</summary>
    public abstract string Name { get; }
    public abstract string Description { get; }
    /// <summary>ARM Linux machine number (arch/arm/tools/mach-types), passed in r1.</summary>
    public abstract uint MachineNumber { get; }
    public virtual uint RamBase => 0;
    public abstract ulong MaxRamSize { get; }
    public virtual ulong DefaultRamSize => 128u << 20;
    public abstract string DefaultCpu { get; }
    /// <summary>CPU models the board accepts (QEMU's valid_cpu_types; null = any).</summary>
    public virtual IReadOnlyList<string>? ValidCpus => null;
    /// <summary>QEMU's max_cpus (-smp limit).</summary>
    public virtual int MaxCpus => 1;

    /// <summary>QEMU's words for a -smp above <see cref="MaxCpus"/>.</summary>
    public string TooManyCpusMessage(int cpus) =>
        $"Invalid SMP CPUs {cpus}. The max CPUs supported by machine '{Name}' is {MaxCpus}";

    /// <summary>How secondary CPUs wait for a Linux kernel; null on single-CPU boards.</summary>
    public virtual Loaders.SecondaryBoot? SecondaryBoot => null;

    /// <summary>QEMU's ignore_memory_transaction_failures: unassigned accesses read 0 instead of aborting.</summary>
    public virtual bool IgnoreTransactionFailures => false;

    /// <summary>Whether the board's CPUs keep the Security Extensions. QEMU builds an arm1176 on
    /// versatilepb and realview without them (has_el3 off), so software sees no Monitor mode,
    /// SMC or secure banking there.</summary>
    public virtual bool CpuSecurityExtensions => false;

    /// <summary>The message QEMU gives when -m is above <see cref="MaxRamSize"/>.</summary>
    public virtual string RamTooLargeMessage => $"{Name}: memory size must not exceed {MaxRamSize >> 20}MB";

    /// <summary>Creates the board's devices on <paramref name="machine"/>'s bus and wires them.</summary>
    public abstract void Populate(Machine machine);

    public static readonly IReadOnlyList<Board> All = [new VersatilePb(), new VersatileAb(), new RealViewEbMpCore()];

    public static Board? Find(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
}
