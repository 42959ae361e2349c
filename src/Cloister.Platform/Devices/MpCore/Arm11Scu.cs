using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices.MpCore;

/// <summary>
/// The ARM11 MPCore Snoop Control Unit as QEMU models it (hw/misc/arm11scu.c, "arm11-scu"):
/// a control register whose bit 0 (SCU enable) is kept, a configuration register giving the
/// CPU count and which CPUs take part in coherency, CPU power status reading 0 (all CPUs in
/// normal mode) and invalidate-all, a no-op because no cache is modelled. 0x100 bytes.
/// </summary>
public sealed class Arm11Scu : WordDevice
{
    public const uint Size = 0x100;

    readonly Logger log;

    public Arm11Scu(int cpuCount, Logger log)
    {
        if (cpuCount is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(cpuCount), "the 11MPCore has 1 to 4 CPUs");
        CpuCount = cpuCount;
        this.log = log;
    }

    public override string Name => "arm11-scu";

    public int CpuCount { get; }

    /// <summary>SCU control; only the enable bit is stored.</summary>
    public uint Control { get; private set; }

    /// <summary>Bits [7:4]: one SMP bit per present CPU; bits [1:0]: CPU count − 1.</summary>
    public uint Configuration => ((1u << CpuCount) - 1) << 4 | (uint)(CpuCount - 1);

    // QEMU never resets the SCU control register: it starts at 0 and keeps its value.
    public override void Reset() { }

    protected override uint ReadWord(uint offset)
    {
        switch (offset)
        {
            case 0x00: return Control;
            case 0x04: return Configuration;
            case 0x08: return 0; // CPU power status: every CPU in normal mode
            case 0x0C: return 0; // invalidate all (write-only)
            default:
                log.GuestError($"mpcore_priv_read: Bad offset {offset:x}");
                return 0;
        }
    }

    protected override void WriteWord(uint offset, uint value)
    {
        switch (offset)
        {
            case 0x00: Control = value & 1; break;
            case 0x0C: break; // invalidate all: no cache state to drop
            default:
                // QEMU's message says "read" here too
                log.GuestError($"mpcore_priv_read: Bad offset {offset:x}");
                break;
        }
    }
}
