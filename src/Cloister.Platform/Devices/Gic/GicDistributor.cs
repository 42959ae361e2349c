using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices.Gic;

/// <summary>
/// The GIC distributor window (4 KiB). As in QEMU every access is split into byte accesses,
/// except a 32-bit write to GICD_SGIR; each bad byte logs its own guest error.
/// </summary>
sealed class GicDistributor(ArmGic gic) : IMmioDevice
{
    // Peripheral and PrimeCell IDs from 0xFD0 (QEMU's gic_id_11mpcore / gic_id_gicv1).
    static readonly byte[] Id11MpCore = [0x00, 0x00, 0x00, 0x00, 0x90, 0x13, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
    static readonly byte[] IdV1 = [0x04, 0x00, 0x00, 0x00, 0x90, 0xB3, 0x1B, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    const int Sgir = 0xF00;

    public string Name => gic.Name + ".dist";

    public bool Read(uint offset, int size, out uint value)
    {
        value = 0;
        for (int i = 0; i < size; i++) value |= (uint)ReadByte((int)offset + i) << (8 * i);
        return true;
    }

    public bool Write(uint offset, int size, uint value)
    {
        if (size == 4 && offset == Sgir)
        {
            WriteSgir(value);
            return true;
        }
        for (int i = 0; i < size; i++) WriteByte((int)offset + i, (byte)(value >> (8 * i)));
        return true;
    }

    public void Reset() => gic.Reset();

    /// <summary>First interrupt ID covered by byte <paramref name="offset"/> of a register bank
    /// starting at <paramref name="bankBase"/> with <paramref name="idsPerByte"/> IDs a byte,
    /// or -1 (logged) past the implemented interrupts.</summary>
    int FirstIrq(int offset, int bankBase, int idsPerByte, string access)
    {
        int irq = (offset - bankBase) * idsPerByte;
        if (irq < gic.NumIrq) return irq;
        BadOffset(access, offset);
        return -1;
    }

    void BadOffset(string access, int offset) => gic.Log.GuestError($"gic_dist_{access}b: Bad offset {offset:x}");

    static int BankMask(int irq, int cpu) => irq < ArmGic.Internal ? 1 << cpu : ArmGic.AllCpuMask;

    byte ReadByte(int offset)
    {
        int cpu = gic.CurrentCpu;
        int cm = 1 << cpu;
        int irq, res = 0;
        switch (offset)
        {
            case 0: return (byte)gic.DistControl;
            case 4: return (byte)((gic.NumIrq / 32 - 1) | ((gic.NumCpus - 1) << 5)); // GICD_TYPER
            case 8: return 0x3B; // GICD_IIDR: Arm's JEP106 code
            case 9: return 0x04;
            case < 0x0C: return 0;
            case < 0x80: break;
            case < 0x100: return 0; // group registers: RAZ/WI without groups
            case < 0x200: // set/clear enable
                irq = FirstIrq(offset, offset < 0x180 ? 0x100 : 0x180, 8, "read");
                if (irq < 0) return 0;
                for (int i = 0; i < 8; i++)
                    if ((gic.Enabled[irq + i] & cm) != 0) res |= 1 << i;
                return (byte)res;
            case < 0x300: // set/clear pending
                irq = FirstIrq(offset, offset < 0x280 ? 0x200 : 0x280, 8, "read");
                if (irq < 0) return 0;
                for (int i = 0; i < 8; i++)
                    if (gic.TestPending(irq + i, irq < ArmGic.Internal ? cm : ArmGic.AllCpuMask)) res |= 1 << i;
                return (byte)res;
            case < 0x380: // active (set-active; clear-active exists only on GICv2)
                irq = FirstIrq(offset, 0x300, 8, "read");
                if (irq < 0) return 0;
                for (int i = 0; i < 8; i++)
                    if ((gic.Active[irq + i] & (irq < ArmGic.Internal ? cm : ArmGic.AllCpuMask)) != 0) res |= 1 << i;
                return (byte)res;
            case < 0x400: break;
            case < 0x800:
                irq = FirstIrq(offset, 0x400, 1, "read");
                return irq < 0 ? (byte)0 : (byte)(gic.GetPriority(irq, cpu) & gic.PriorityFieldMask);
            case < 0xC00:
                return ReadTarget(offset, cm);
            case < 0xF00: // configuration: bit 0 = 1-N model, bit 1 = edge triggered
                irq = FirstIrq(offset, 0xC00, 4, "read");
                if (irq < 0) return 0;
                for (int i = 0; i < 4; i++)
                {
                    if (gic.Model[irq + i]) res |= 1 << (i * 2);
                    if (gic.EdgeTrigger[irq + i]) res |= 2 << (i * 2);
                }
                return (byte)res;
            case < 0xF10: break;
            case < 0xF30: // GICD_CPENDSGIR / GICD_SPENDSGIR: the source CPUs of one SGI
                if (gic.Is11MpCore) break;
                return gic.SgiPending[(offset - 0xF10) & 0xF, cpu];
            case < 0xFD0: break;
            case < 0x1000:
                return (offset & 3) != 0 ? (byte)0 : (gic.Is11MpCore ? Id11MpCore : IdV1)[(offset - 0xFD0) >> 2];
        }
        BadOffset("read", offset);
        return 0;
    }

    byte ReadTarget(int offset, int cm)
    {
        // A uniprocessor GICv1 has no target registers (RAZ/WI), even past its interrupts.
        if (gic.NumCpus == 1 && !gic.Is11MpCore) return 0;
        int irq = FirstIrq(offset, 0x800, 1, "read");
        if (irq < 0) return 0;
        // 11MPCore: SGIs and PPIs 16-28 read 0; other private interrupts read the reader's bit.
        if (irq < 29 && gic.Is11MpCore) return 0;
        if (irq < ArmGic.Internal) return (byte)cm;
        return gic.Target[irq];
    }

    void WriteByte(int offset, byte value)
    {
        int cpu = gic.CurrentCpu;
        int irq;
        switch (offset)
        {
            case 0:
                gic.DistControl = value & 1u;
                break;
            case < 4: break; // rest of GICD_CTLR
            case < 0x80:
                BadOffset("write", offset);
                return;
            case < 0x100: break; // group registers: RAZ/WI without groups
            case < 0x180:
                irq = FirstIrq(offset, 0x100, 8, "write");
                if (irq < 0) return;
                SetEnable(irq, cpu, irq < ArmGic.NumSgis ? (byte)0xFF : value); // SGIs are always enabled
                break;
            case < 0x200:
                irq = FirstIrq(offset, 0x180, 8, "write");
                if (irq < 0) return;
                if (irq < ArmGic.NumSgis) break;
                for (int i = 0; i < 8; i++)
                    if ((value & (1 << i)) != 0) gic.Enabled[irq + i] &= (byte)~BankMask(irq, cpu);
                break;
            case < 0x280:
                irq = FirstIrq(offset, 0x200, 8, "write");
                if (irq < 0) return;
                if (irq < ArmGic.NumSgis) break; // SGIs are made pending only through GICD_SGIR
                // QEMU 7.2 pends on the target CPUs even for PPIs, whose target byte is 0 until
                // written (11MPCore: 0xFF for 29-31 after a write), so a PPI may pend nowhere.
                for (int i = 0; i < 8; i++)
                    if ((value & (1 << i)) != 0) gic.Pending[irq + i] |= gic.Target[irq + i];
                break;
            case < 0x300:
                irq = FirstIrq(offset, 0x280, 8, "write");
                if (irq < 0) return;
                if (irq < ArmGic.NumSgis) break;
                // QEMU clears the pending state for every CPU, private interrupts included.
                for (int i = 0; i < 8; i++)
                    if ((value & (1 << i)) != 0) gic.Pending[irq + i] = 0;
                break;
            case < 0x400: // set/clear active exist only on GICv2
                BadOffset("write", offset);
                return;
            case < 0x800:
                irq = FirstIrq(offset, 0x400, 1, "write");
                if (irq < 0) return;
                gic.SetPriority(irq, cpu, value);
                break;
            case < 0xC00:
                if (!WriteTarget(offset, value)) return;
                break;
            case < 0xF00:
                irq = FirstIrq(offset, 0xC00, 4, "write");
                if (irq < 0) return;
                WriteConfig(irq, irq < ArmGic.NumSgis ? (byte)(value | 0xAA) : value); // SGIs stay edge-triggered
                break;
            case < 0xF10: // GICD_SGIR takes only 32-bit writes
            case < 0xF30 when gic.Is11MpCore: // no GICD_CPENDSGIR / GICD_SPENDSGIR
                BadOffset("write", offset);
                return;
            case < 0xF20:
                irq = offset - 0xF10;
                gic.SgiPending[irq, cpu] &= (byte)~value;
                if (gic.SgiPending[irq, cpu] == 0) gic.Pending[irq] &= (byte)~(1 << cpu);
                break;
            case < 0xF30:
                irq = offset - 0xF20;
                gic.Pending[irq] |= (byte)(1 << cpu);
                gic.SgiPending[irq, cpu] |= value;
                break;
            default:
                BadOffset("write", offset);
                return;
        }
        gic.Update();
    }

    void SetEnable(int irq, int cpu, byte value)
    {
        for (int i = 0; i < 8; i++)
        {
            if ((value & (1 << i)) == 0) continue;
            int n = irq + i;
            int mask = irq < ArmGic.Internal ? 1 << cpu : gic.Target[n];
            gic.Enabled[n] |= (byte)BankMask(irq, cpu);
            // The 11MPCore latches a level-triggered input that is already high when enabled.
            if (gic.Is11MpCore && (gic.Level[n] & mask) != 0 && !gic.EdgeTrigger[n])
                gic.Pending[n] |= (byte)mask;
        }
    }

    /// <summary>Returns false for a logged bad offset.</summary>
    bool WriteTarget(int offset, byte value)
    {
        // RAZ/WI on a uniprocessor GIC, except the 11MPCore's.
        if (gic.NumCpus == 1 && !gic.Is11MpCore) return true;
        int irq = FirstIrq(offset, 0x800, 1, "write");
        if (irq < 0) return false;
        int v = value;
        if (irq < 29 && gic.Is11MpCore) v = 0;
        else if (irq < ArmGic.Internal) v = ArmGic.AllCpuMask;
        gic.Target[irq] = (byte)(v & ArmGic.AllCpuMask);
        return true;
    }

    void WriteConfig(int irq, byte value)
    {
        for (int i = 0; i < 4; i++)
        {
            // Only the 11MPCore implements the model bit (1-N handling of SPIs).
            if (gic.Is11MpCore) gic.Model[irq + i] = (value & (1 << (i * 2))) != 0;
            gic.EdgeTrigger[irq + i] = (value & (2 << (i * 2))) != 0;
        }
    }

    void WriteSgir(uint value)
    {
        int cpu = gic.CurrentCpu;
        int mask = ((value >> 24) & 3) switch
        {
            0 => (int)(value >> 16) & ArmGic.AllCpuMask, // the target list
            1 => ArmGic.AllCpuMask ^ (1 << cpu),         // all but the sender
            2 => 1 << cpu,                               // the sender only
            _ => ArmGic.AllCpuMask,                      // reserved: QEMU sends to all
        };
        gic.SendSgi(cpu, (int)(value & 0xF), mask);
    }
}
