using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices;

/// <summary>
/// ARM PrimeCell PL190 vectored interrupt controller (QEMU hw/intc/pl190.c): 32 level inputs,
/// IRQ and FIQ outputs, 16 vectored slots with priorities, a default vector, software
/// interrupts and FIQ selection.
/// </summary>
public sealed class Pl190Vic : WordDevice, IIrqSink
{
    /// <summary>16 vectored levels plus the non-vectored one.</summary>
    const int NumPrio = 17;

    static readonly byte[] Id = [0x90, 0x11, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    readonly Logger log;
    readonly byte[] vectControl = new byte[16];
    readonly uint[] vectAddr = new uint[NumPrio];
    /// <summary>prioMask[p]: inputs whose priority is higher than level p.</summary>
    readonly uint[] prioMask = new uint[NumPrio + 1];
    readonly int[] prevPrio = new int[NumPrio];
    int priority = NumPrio;

    public Pl190Vic(Logger log)
    {
        this.log = log;
        Reset();
    }

    public override string Name => "pl190";

    public IrqLine Irq { get; } = new();
    public IrqLine Fiq { get; } = new();

    public uint Level { get; private set; }
    public uint SoftLevel { get; private set; }
    public uint IrqEnable { get; private set; }
    public uint FiqSelect { get; private set; }
    public bool Protected { get; private set; }
    public int CurrentPriority => priority;

    uint IrqLevel => (Level | SoftLevel) & IrqEnable & ~FiqSelect;

    public void SetInput(int line, bool level)
    {
        if (level) Level |= 1u << line;
        else Level &= ~(1u << line);
        Update();
    }

    void Update()
    {
        Irq.Set((IrqLevel & prioMask[priority]) != 0);
        Fiq.Set(((Level | SoftLevel) & FiqSelect) != 0);
    }

    void UpdateVectors()
    {
        uint mask = 0;
        for (int i = 0; i < 16; i++)
        {
            prioMask[i] = mask;
            if ((vectControl[i] & 0x20) != 0) mask |= 1u << (vectControl[i] & 0x1F);
        }
        prioMask[16] = mask;
        Update();
    }

    public override void Reset()
    {
        Array.Clear(vectAddr);
        Array.Clear(vectControl);
        prioMask[NumPrio] = 0xFFFFFFFF;
        priority = NumPrio;
        UpdateVectors();
    }

    protected override uint ReadWord(uint offset)
    {
        if (offset >= 0xFE0 && offset < 0x1000) return Id[(offset - 0xFE0) >> 2];
        if (offset >= 0x100 && offset < 0x140) return vectAddr[(offset - 0x100) >> 2];
        if (offset >= 0x200 && offset < 0x240) return vectControl[(offset - 0x200) >> 2];
        switch (offset >> 2)
        {
            case 0: return IrqLevel;                    // IRQSTATUS
            case 1: return (Level | SoftLevel) & FiqSelect; // FIQSTATUS
            case 2: return Level | SoftLevel;           // RAWINTR
            case 3: return FiqSelect;                   // INTSELECT
            case 4: return IrqEnable;                   // INTENABLE
            case 6: return SoftLevel;                   // SOFTINT
            case 8: return Protected ? 1u : 0u;         // PROTECTION
            case 12: return ReadVectAddr();             // VECTADDR
            case 13: return vectAddr[16];               // DEFVECTADDR
            default:
                log.GuestError($"pl190_read: Bad offset {offset:x}");
                return 0;
        }
    }

    /// <summary>Reading VECTADDR starts an ISR: the current priority rises to that of the highest
    /// pending input, and that level's vector address is returned.</summary>
    uint ReadVectAddr()
    {
        int i;
        for (i = 0; i < priority; i++)
            if (((Level | SoftLevel) & prioMask[i + 1]) != 0) break;
        if (i == NumPrio) return vectAddr[16];
        if (i < priority)
        {
            prevPrio[i] = priority;
            priority = i;
            Update();
        }
        return vectAddr[priority];
    }

    protected override void WriteWord(uint offset, uint value)
    {
        if (offset >= 0x100 && offset < 0x140)
        {
            vectAddr[(offset - 0x100) >> 2] = value;
            UpdateVectors();
            return;
        }
        if (offset >= 0x200 && offset < 0x240)
        {
            vectControl[(offset - 0x200) >> 2] = (byte)value;
            UpdateVectors();
            return;
        }
        switch (offset >> 2)
        {
            case 0: break; // IRQSTATUS is read-only; Linux writes it anyway
            case 3: FiqSelect = value; break;
            case 4: IrqEnable |= value; break;
            case 5: IrqEnable &= ~value; break;
            case 6: SoftLevel |= value; break;
            case 7: SoftLevel &= ~value; break;
            case 8: Protected = (value & 1) != 0; break; // not enforced, as in QEMU
            case 12: // VECTADDR: end of ISR, back to the previous priority
                if (priority < NumPrio) priority = prevPrio[priority];
                break;
            case 13: vectAddr[16] = value; break;
            case 0xC0: // ITCR
                if (value != 0) log.Unimplemented("pl190: Test mode not implemented");
                break;
            default:
                log.GuestError($"pl190_write: Bad offset {offset:x}");
                return;
        }
        Update();
    }
}
