using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices;

/// <summary>
/// ARM PrimeCell PL011 UART (QEMU hw/char/pl011.c): transmit goes straight to the backend;
/// a 16-entry receive FIFO (1 entry with FIFOs disabled); flags, baud/line/control registers;
/// raw and masked interrupt status with one combined interrupt line.
/// </summary>
public sealed class Pl011Uart : WordDevice
{
    public const uint IntOe = 1 << 10, IntBe = 1 << 9, IntPe = 1 << 8, IntFe = 1 << 7, IntRt = 1 << 6,
        IntTx = 1 << 5, IntRx = 1 << 4, IntDsr = 1 << 3, IntDcd = 1 << 2, IntCts = 1 << 1, IntRi = 1 << 0;
    const uint IntE = IntOe | IntBe | IntPe | IntFe, IntMs = IntRi | IntDsr | IntDcd | IntCts;
    const uint CombinedMask = IntE | IntMs | IntRt | IntTx | IntRx;

    public const uint FlagTxfe = 0x80, FlagRxff = 0x40, FlagTxff = 0x20, FlagRxfe = 0x10;
    const int FifoDepth = 16;

    static readonly byte[] Id = [0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    readonly Logger log;
    readonly uint[] readFifo = new uint[FifoDepth];
    int readPos, readCount, readTrigger;

    public Pl011Uart(string name, Logger log, ICharBackend? backend = null)
    {
        Name = name;
        this.log = log;
        Backend = backend ?? NullCharBackend.Instance;
        Reset();
    }

    public override string Name { get; }

    public ICharBackend Backend { get; set; }

    /// <summary>The combined interrupt (UARTINTR), the only one the boards wire.</summary>
    public IrqLine Irq { get; } = new();

    public uint Flags { get; private set; }
    public uint Lcr { get; private set; }
    public uint Cr { get; private set; }
    public uint Ifl { get; private set; }
    public uint Ibrd { get; private set; }
    public uint Fbrd { get; private set; }
    public uint Ilpr { get; private set; }
    public uint Rsr { get; private set; }
    public uint Dmacr { get; private set; }
    public uint IntEnabled { get; private set; }
    public uint IntLevel { get; private set; }
    public int ReadCount => readCount;

    public override void Reset()
    {
        Lcr = 0;
        Rsr = 0;
        Dmacr = 0;
        IntEnabled = 0;
        IntLevel = 0;
        Ilpr = 0;
        Ibrd = 0;
        Fbrd = 0;
        readTrigger = 1;
        Ifl = 0x12;
        Cr = 0x300;
        Flags = FlagRxfe | FlagTxfe;
        readPos = 0;
        readCount = 0;
        Update();
    }

    bool FifoEnabled => (Lcr & 0x10) != 0;

    void Update() => Irq.Set((IntLevel & IntEnabled & CombinedMask) != 0);

    /// <summary>True when the receive FIFO has room for another character.</summary>
    public bool CanReceive => FifoEnabled ? readCount < FifoDepth : readCount < 1;

    /// <summary>A character arriving from the host.</summary>
    public void Receive(byte value)
    {
        int slot = readPos + readCount;
        if (slot >= FifoDepth) slot -= FifoDepth;
        readFifo[slot] = value;
        readCount++;
        Flags &= ~FlagRxfe;
        if (!FifoEnabled || readCount == FifoDepth) Flags |= FlagRxff;
        if (readCount == readTrigger)
        {
            IntLevel |= IntRx;
            Update();
        }
    }

    protected override uint ReadWord(uint offset)
    {
        if (offset >= 0xFE0 && offset < 0x1000) return Id[(offset - 0xFE0) >> 2];
        switch (offset >> 2)
        {
            case 0: // UARTDR
            {
                Flags &= ~FlagRxff;
                uint c = readFifo[readPos];
                if (readCount > 0)
                {
                    readCount--;
                    if (++readPos == FifoDepth) readPos = 0;
                }
                if (readCount == 0) Flags |= FlagRxfe;
                if (readCount == readTrigger - 1) IntLevel &= ~IntRx;
                Rsr = c >> 8;
                Update();
                return c;
            }
            case 1: return Rsr;        // UARTRSR
            case 6: return Flags;      // UARTFR
            case 8: return Ilpr;       // UARTILPR
            case 9: return Ibrd;       // UARTIBRD
            case 10: return Fbrd;      // UARTFBRD
            case 11: return Lcr;       // UARTLCR_H
            case 12: return Cr;        // UARTCR
            case 13: return Ifl;       // UARTIFLS
            case 14: return IntEnabled; // UARTIMSC
            case 15: return IntLevel;   // UARTRIS
            case 16: return IntLevel & IntEnabled; // UARTMIS
            case 18: return Dmacr;     // UARTDMACR
            default:
                log.GuestError($"pl011_read: Bad offset 0x{offset:x}");
                return 0;
        }
    }

    protected override void WriteWord(uint offset, uint value)
    {
        switch (offset >> 2)
        {
            case 0: // UARTDR (transmitter enable is not checked, as in QEMU)
                Backend.Write((byte)value);
                IntLevel |= IntTx;
                Update();
                break;
            case 1: Rsr = 0; break; // UARTECR
            case 6: break;          // UARTFR is read-only
            case 8: Ilpr = value; break;
            case 9: Ibrd = value; break;
            case 10: Fbrd = value; break;
            case 11: // UARTLCR_H: toggling FEN empties the receive FIFO
                if (((Lcr ^ value) & 0x10) != 0)
                {
                    readCount = 0;
                    readPos = 0;
                }
                Lcr = value;
                readTrigger = 1;
                break;
            case 12: Cr = value; break;
            case 13: Ifl = value; readTrigger = 1; break;
            case 14: IntEnabled = value; Update(); break;
            case 17: IntLevel &= ~value; Update(); break; // UARTICR
            case 18:
                Dmacr = value;
                if ((value & 3) != 0) log.Unimplemented("pl011: DMA not implemented");
                break;
            default:
                log.GuestError($"pl011_write: Bad offset 0x{offset:x}");
                break;
        }
    }
}
