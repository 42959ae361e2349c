using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices.Gic;

/// <summary>
/// A GIC CPU interface window (0x100 bytes): either one named CPU's, or banked on the CPU making
/// the access (<paramref name="fixedCpu"/> null). Registers decode on the exact offset whatever
/// the access size, and a narrow read returns the register's low bits, as in QEMU.
/// </summary>
sealed class GicCpuInterface(ArmGic gic, int? fixedCpu) : IMmioDevice
{
    public string Name => fixedCpu is int c ? $"{gic.Name}.cpu{c}" : gic.Name + ".cpu";

    int Cpu => fixedCpu ?? gic.CurrentCpu;

    public bool Read(uint offset, int size, out uint value)
    {
        value = ReadRegister(Cpu, offset);
        if (size < 4) value &= size == 1 ? 0xFFu : 0xFFFFu;
        return true;
    }

    public bool Write(uint offset, int size, uint value)
    {
        if (size < 4) value &= size == 1 ? 0xFFu : 0xFFFFu;
        WriteRegister(Cpu, offset, value);
        return true;
    }

    /// <summary>Only the distributor's Reset resets the GIC, so a board that maps every window
    /// resets it once.</summary>
    public void Reset() { }

    uint ReadRegister(int cpu, uint offset)
    {
        switch (offset)
        {
            case 0x00: return gic.CpuControl[cpu];
            case 0x04: return (uint)gic.PriorityMask[cpu];
            case 0x08: return (uint)gic.BinaryPoint[cpu];
            case 0x0C: return gic.Acknowledge(cpu);
            case 0x14: return RunningPriority(cpu);
            case 0x18: return (uint)gic.CurrentPending[cpu]; // GICC_HPPIR
            case 0x1C: return 0; // aliased binary point: needs interrupt groups
            case 0xD0: case 0xD4: case 0xD8: case 0xDC: return 0; // active priorities: GICv2 only
            case 0xE0: case 0xE4: case 0xE8: case 0xEC: return 0;
            case 0xFC: return gic.Is11MpCore ? 0 : 0x0001043Bu; // GICC_IIDR: reserved on the 11MPCore
            default:
                gic.Log.GuestError($"gic_cpu_read: Bad offset {offset:x}");
                return 0;
        }
    }

    /// <summary>GICC_RPR. QEMU returns it as a byte: idle (0x100) reads 0xFF on a GICv1 but 0
    /// on the 11MPCore, whose idle value is truncated.</summary>
    uint RunningPriority(int cpu)
    {
        int running = gic.RunningPriority[cpu];
        if (!gic.Is11MpCore && running > 0xFF) return 0xFF;
        return (byte)running;
    }

    void WriteRegister(int cpu, uint offset, uint value)
    {
        switch (offset)
        {
            case 0x00:
                gic.CpuControl[cpu] = value & 1; // enable; the other bits need groups
                break;
            case 0x04:
                gic.PriorityMask[cpu] = (byte)value & gic.PriorityFieldMask;
                break;
            case 0x08:
                gic.BinaryPoint[cpu] = (int)(value & 7);
                break;
            case 0x10:
                gic.Complete(cpu, (int)(value & 0x3FF));
                return;
            case 0x1C:
            case 0xD0: case 0xD4: case 0xD8: case 0xDC:
            case 0xE0: case 0xE4: case 0xE8: case 0xEC:
                return; // RAZ/WI here (see ReadRegister)
            default:
                gic.Log.GuestError($"gic_cpu_write: Bad offset {offset:x}");
                return;
        }
        gic.Update();
    }
}
