using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices;

/// <summary>
/// ARM PrimeCell PL181 MultiMedia Card Interface (QEMU hw/sd/pl181.c) with no card in the slot:
/// every command times out (CMDTIMEOUT), the data path runs QEMU's FIFO bookkeeping with nothing
/// on the other side, two interrupt outputs driven by MASK0 and MASK1.
/// </summary>
public sealed class Pl181Mmci : WordDevice
{
    const uint CmdEnable = 1 << 10, CmdInterrupt = 1 << 8, CmdPending = 1 << 9;
    const uint DataEnable = 1 << 0, DataDirection = 1 << 1;
    public const uint StatusCmdTimeout = 1 << 2;
    const uint StatusDataEnd = 1 << 8, StatusDataBlockEnd = 1 << 10;
    const uint TxActive = 1 << 12, RxActive = 1 << 13, TxHalfEmpty = 1 << 14, RxHalfFull = 1 << 15,
        TxFull = 1 << 16, RxFull = 1 << 17, TxEmpty = 1 << 18, RxEmpty = 1 << 19, TxAvail = 1 << 20, RxAvail = 1 << 21;
    const uint TxFifoBits = TxActive | TxHalfEmpty | TxFull | TxEmpty | TxAvail;
    const uint RxFifoBits = RxActive | RxHalfFull | RxFull | RxEmpty | RxAvail;
    const int FifoLen = 16;

    static readonly byte[] Id = [0x81, 0x11, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    readonly Logger log;
    readonly uint[] fifo = new uint[FifoLen];
    readonly uint[] response = new uint[4];
    int fifoPos, fifoLen;
    bool linuxHack;

    public Pl181Mmci(string name, Logger log)
    {
        Name = name;
        this.log = log;
    }

    public override string Name { get; }

    /// <summary>MCIINTR0 and MCIINTR1.</summary>
    public IrqLine[] Irq { get; } = [new(), new()];

    public uint Power { get; private set; }
    public uint Clock { get; private set; }
    public uint Argument { get; private set; }
    public uint Command { get; private set; }
    public uint DataTimer { get; private set; }
    public uint DataLength { get; private set; }
    public uint DataCtrl { get; private set; }
    public uint DataCount { get; private set; }
    public uint Status { get; private set; }
    public uint[] Mask { get; } = new uint[2];

    public override void Reset()
    {
        Power = Argument = Command = DataTimer = DataLength = DataCtrl = DataCount = Status = 0;
        Array.Clear(response);
        Mask[0] = Mask[1] = 0;
        linuxHack = false;
        Update();
    }

    void Update()
    {
        for (int i = 0; i < 2; i++) Irq[i].Set((Status & Mask[i]) != 0);
    }

    uint FifoPop()
    {
        if (fifoLen == 0) return 0;
        uint v = fifo[fifoPos];
        fifoLen--;
        fifoPos = (fifoPos + 1) & (FifoLen - 1);
        return v;
    }

    void FifoPush(uint v)
    {
        if (fifoLen == FifoLen) return;
        fifo[(fifoPos + fifoLen) & (FifoLen - 1)] = v;
        fifoLen++;
    }

    /// <summary>QEMU's pl181_fifo_run with an empty slot: writes drain into nowhere, reads never start.</summary>
    void FifoRun()
    {
        bool isRead = (DataCtrl & DataDirection) != 0;
        if (DataCount != 0 && !isRead && !linuxHack)
        {
            int n = 0;
            while (DataCount > 0 && (fifoLen > 0 || n > 0))
            {
                if (n == 0)
                {
                    FifoPop();
                    n = 4;
                }
                n--;
                DataCount--;
            }
        }
        Status &= ~(RxFifoBits | TxFifoBits);
        if (DataCount == 0) Status |= StatusDataEnd | StatusDataBlockEnd;
        if (DataCount == 0 && fifoLen == 0)
        {
            DataCtrl &= ~DataEnable;
        }
        else
        {
            uint bits = TxActive | RxActive;
            bits |= fifoLen == 0 ? TxEmpty | RxEmpty : TxAvail | RxAvail;
            if (fifoLen == 16) bits |= TxFull | RxFull;
            if (fifoLen <= 8) bits |= TxHalfEmpty;
            if (fifoLen >= 8) bits |= RxHalfFull;
            bits &= (DataCtrl & DataDirection) != 0 ? RxFifoBits : TxFifoBits;
            Status |= bits;
        }
    }

    protected override uint ReadWord(uint offset)
    {
        if (offset >= 0xFE0 && offset < 0x1000) return Id[(offset - 0xFE0) >> 2];
        switch (offset)
        {
            case 0x00: return Power;
            case 0x04: return Clock;
            case 0x08: return Argument;
            case 0x0C: return Command;
            case 0x10: return 0; // RespCmd
            case 0x14: case 0x18: case 0x1C: case 0x20: return response[(offset - 0x14) >> 2];
            case 0x24: return DataTimer;
            case 0x28: return DataLength;
            case 0x2C: return DataCtrl;
            case 0x30: return DataCount;
            case 0x34:
            {
                uint tmp = Status;
                if (linuxHack)
                {
                    linuxHack = false;
                    FifoRun();
                    Update();
                }
                return tmp;
            }
            case 0x3C: return Mask[0];
            case 0x40: return Mask[1];
            case 0x48:
            {
                uint tmp = (DataCount + 3) >> 2;
                if (linuxHack)
                {
                    linuxHack = false;
                    FifoRun();
                    Update();
                }
                return tmp;
            }
            default:
                if (offset >= 0x80 && offset < 0xC0)
                {
                    if (fifoLen == 0)
                    {
                        log.GuestError("pl181: Unexpected FIFO read");
                        return 0;
                    }
                    uint v = FifoPop();
                    linuxHack = true;
                    FifoRun();
                    Update();
                    return v;
                }
                log.GuestError($"pl181_read: Bad offset {offset:x}");
                return 0;
        }
    }

    protected override void WriteWord(uint offset, uint value)
    {
        switch (offset)
        {
            case 0x00: Power = value & 0xFF; break;
            case 0x04: Clock = value & 0xFF; break;
            case 0x08: Argument = value; break;
            case 0x0C:
                Command = value;
                if ((Command & CmdEnable) != 0)
                {
                    if ((Command & CmdInterrupt) != 0) log.Unimplemented("pl181: Interrupt mode not implemented");
                    if ((Command & CmdPending) != 0)
                    {
                        log.Unimplemented("pl181: Pending commands not implemented");
                    }
                    else
                    {
                        Status |= StatusCmdTimeout; // no card answers
                        FifoRun();
                    }
                    Command &= ~CmdEnable;
                }
                break;
            case 0x24: DataTimer = value; break;
            case 0x28: DataLength = value & 0xFFFF; break;
            case 0x2C:
                DataCtrl = value & 0xFF;
                if ((value & DataEnable) != 0)
                {
                    DataCount = DataLength;
                    FifoRun();
                }
                break;
            case 0x38: Status &= ~(value & 0x7FF); break;
            case 0x3C: Mask[0] = value; break;
            case 0x40: Mask[1] = value; break;
            default:
                if (offset >= 0x80 && offset < 0xC0)
                {
                    if (DataCount == 0) log.GuestError("pl181: Unexpected FIFO write");
                    else
                    {
                        FifoPush(value);
                        FifoRun();
                    }
                    break;
                }
                log.GuestError($"pl181_write: Bad offset {offset:x}");
                break;
        }
        Update();
    }
}
