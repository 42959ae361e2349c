namespace Cloister.Hypervisor.Control;

/// <summary>What sysctl physinfo and xen_version report about the host (xl info): CPUs present, RAM
/// frames in all and free now, and the CPU's MIDR, which tells the architecture for xen_caps.</summary>
public sealed record HostFacts(int Cpus, int TotalFrames, Func<int> FreeFrames, uint Midr)
{
    /// <summary>System time now (virtual ns, the scheduler's clock), for CPU shares over an interval.</summary>
    public Func<ulong> NowNs { get; init; } = () => 0;

    /// <summary>physinfo's cpu_khz: on ARM, Xen reports its system timer's rate.</summary>
    public uint CpuKhz { get; init; }

    /// <summary>physinfo's max_mfn: the highest RAM frame number (Xen on ARM: max_page - 1).</summary>
    public ulong MaxMfn { get; init; }

    /// <summary>xen_caps in Xen's form, "xen-3.0-" and the architecture: MIDR architecture 6 is
    /// ARMv5TEJ (ARM926); 0xF (CPUID scheme) with an ARM11 part number (0xBnn) is ARMv6, else ARMv7.</summary>
    public string Caps
    {
        get
        {
            uint arch = (Midr >> 16) & 0xF, part = (Midr >> 4) & 0xFFF;
            string name = arch == 0x6 ? "armv5tejl" : arch == 0xF && (part >> 8) == 0xB ? "armv6l" : arch == 0xF ? "armv7l" : "arm";
            return "xen-3.0-" + name;
        }
    }
}
