using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices;

/// <summary>
/// ARM PrimeCell PL041 Advanced Audio CODEC Interface wired to an LM4549, as QEMU's
/// hw/audio/pl041.c: one playback channel (FIFO 1) of nc_fifo_depth 20-bit entries, the
/// AC-link slot 1/2 registers through which software reads and writes the codec's registers,
/// and channel 1's interrupt status driving the IRQ line. Registers 0x00–0x10C are a plain
/// register file (every one reads back what was last written) with side effects on the
/// registers below; recording and channels 2–4 are not modelled, as in QEMU.
/// </summary>
public sealed class Pl041Aaci : WordDevice
{
    const uint RegTxcr1 = 0x04, RegSr1 = 0x08, RegIsr1 = 0x0C, RegIe1 = 0x10, RegSl1Rx = 0x50,
        RegSl1Tx = 0x54, RegSl2Rx = 0x58, RegSl2Tx = 0x5C, RegSlfr = 0x68, RegIntClr = 0x74,
        RegMainCr = 0x78, RegAllInts = 0x84, RegDr1First = 0x90, RegDr1Last = 0x9C, RegLast = 0x10C;

    // TXCR1
    const uint TxEnable = 1 << 0, TxSlot3 = 1 << 3, TxSlot4 = 1 << 4, TxCompact = 1 << 15;
    const int TxSizeShift = 13;
    // SR1
    const uint RxFifoEmpty = 1 << 0, TxFifoEmpty = 1 << 1, TxHalfEmpty = 1 << 3, TxFifoFull = 1 << 5,
        TxBusy = 1 << 7, TxUnderrun = 1 << 9;
    // ISR1
    const uint TxCompleteIntr = 1 << 0, TxIntr = 1 << 2, UnderrunIntr = 1 << 5;
    // SLFR
    const uint Sl1RxBusy = 1 << 0, Sl2RxBusy = 1 << 2, Sl1RxValid = 1 << 6, Sl1TxEmpty = 1 << 7,
        Sl2RxValid = 1 << 8, Sl2TxEmpty = 1 << 9, Sl12TxEmpty = 1 << 11;
    const uint MainCrEnable = 1 << 0, IntClrTxUnderrun1 = 1 << 5, Slot1Read = 1 << 19;

    // Primecell ID; PERIPHID3 is computed from the FIFO depth.
    static readonly byte[] Id = [0x41, 0x10, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
    static readonly int[] FifoDepths = [8, 32, 64, 128, 256, 512, 1024, 2048];

    readonly uint[] regs = new uint[RegLast / 4 + 1];
    readonly uint[] fifo;
    readonly int depth;
    int level;
    bool txEnabled, txCompact;
    int sampleBits;

    /// <param name="fifoDepth">QEMU's nc_fifo_depth: entries in non-compact mode; 8 (QEMU's
    /// default) or 32 to 2048 in powers of two (16 cannot be told apart from 8 in PERIPHID3).</param>
    public Pl041Aaci(int fifoDepth)
    {
        if (Array.IndexOf(FifoDepths, fifoDepth) < 0)
            throw new ArgumentOutOfRangeException(nameof(fifoDepth), fifoDepth, "pl041: unsupported non-compact fifo depth");
        depth = fifoDepth;
        fifo = new uint[fifoDepth];
        Codec = new Lm4549Codec();
        Reset();
    }

    public override string Name => "pl041";

    public IrqLine Irq { get; } = new();

    public Lm4549Codec Codec { get; }

    /// <summary>Entries waiting in the transmit FIFO.</summary>
    public int TxLevel => level;

    byte PeriphId3 => (byte)(1 | Array.IndexOf(FifoDepths, depth) << 3); // one channel + depth code

    ref uint Reg(uint offset) => ref regs[offset >> 2];

    // The codec is not reset with the AACI (QEMU resets it only when it is created).
    public override void Reset()
    {
        Array.Clear(regs);
        Reg(RegSlfr) = Sl1TxEmpty | Sl2TxEmpty | Sl12TxEmpty;
        Reg(RegSr1) = TxFifoEmpty | RxFifoEmpty | TxHalfEmpty;
        level = 0;
        txEnabled = txCompact = false;
        sampleBits = 0;
    }

    protected override uint ReadWord(uint offset)
    {
        if (offset >= 0xFE0 && offset < 0x1000)
            return offset == 0xFEC ? PeriphId3 : Id[(offset - 0xFE0) >> 2];
        if (offset > RegLast) return 0; // reserved: QEMU reads 0 and logs nothing
        return offset == RegAllInts ? Reg(RegIsr1) & 0x7F : Reg(offset);
    }

    protected override void WriteWord(uint offset, uint value)
    {
        if (offset > RegLast) return; // reserved: ignored silently, as QEMU
        Reg(offset) = value;
        switch (offset)
        {
            case RegTxcr1: SetTxControl(value); break;
            case RegSl1Tx: CodecAccess(); break;
            case RegSl2Tx: Reg(RegSlfr) &= ~Sl2TxEmpty; break;
            case RegIntClr:
                if ((value & IntClrTxUnderrun1) != 0) Reg(RegSr1) &= ~TxUnderrun;
                break;
            case RegMainCr:
                if ((value & MainCrEnable) == 0) Reset(); // disabling the interface resets it
                break;
            case >= RegDr1First and <= RegDr1Last: Push(value); break;
        }
        Transmit();
        UpdateInterrupts();
    }

    void SetTxControl(uint value)
    {
        txEnabled = (value & TxEnable) != 0;
        sampleBits = ((value >> TxSizeShift) & 3) switch { 0 => 16, 1 => 18, 2 => 20, _ => 12 };
        // Compact mode packs two 16- or 12-bit samples per word; wider samples ignore it.
        txCompact = (value & TxCompact) != 0 && sampleBits is 16 or 12;
    }

    // Slot 1 carries the codec register number (bits 18:12) and the read flag; a write takes
    // its data from slot 2 (bits 19:4). A read answers at once in SL1RX/SL2RX.
    void CodecAccess()
    {
        uint sl1 = Reg(RegSl1Tx);
        Reg(RegSlfr) &= ~Sl1TxEmpty;
        int reg = (int)(sl1 >> 12) & 0x7F;
        if ((sl1 & Slot1Read) == 0)
        {
            Codec.Write(reg, (ushort)(Reg(RegSl2Tx) >> 4));
            return;
        }
        Reg(RegSl1Rx) = sl1 & ~Slot1Read;
        Reg(RegSl2Rx) = (uint)Codec.Read(reg) << 4;
        Reg(RegSlfr) = (Reg(RegSlfr) & ~(Sl1RxBusy | Sl2RxBusy)) | Sl1RxValid | Sl2RxValid;
    }

    // The FIFO holds 20-bit samples: narrower ones are shifted up.
    uint Widen(uint sample) => sampleBits switch
    {
        12 => (sample << 8) & 0xFFFFF,
        16 => (sample << 4) & 0xFFFFF,
        18 => (sample << 2) & 0xFFFFF,
        _ => sample,
    };

    void Push(uint value)
    {
        if (!txCompact)
        {
            if (level < depth) fifo[level++] = Widen(value);
        }
        else if (level + 2 < depth) // QEMU's bound: a compact word needs room to spare
        {
            int shift = sampleBits == 12 ? 8 : 4; // two 16- or 12-bit samples, low half first
            fifo[level++] = (value & 0xFFFF) << shift;
            fifo[level++] = (value >> 16) << shift;
        }
        ref uint sr = ref Reg(RegSr1);
        if (level > 0) sr &= ~(TxUnderrun | TxFifoEmpty);
        if (level >= depth / 2) sr &= ~TxHalfEmpty;
        if (level >= depth) sr |= TxFifoFull;
    }

    // With slot 3 or 4 assigned and the FIFO at least half full, pairs of samples go to the
    // codec until it refuses one.
    void Transmit()
    {
        if (!txEnabled || (Reg(RegTxcr1) & (TxSlot3 | TxSlot4)) == 0 || level < depth / 2) return;
        int pairs = 0;
        while (pairs < level / 2 && Codec.WriteFrame(fifo[2 * pairs], fifo[2 * pairs + 1])) pairs++;
        int sent = 2 * pairs;
        if (sent == 0) return;
        level -= sent;
        Array.Copy(fifo, sent, fifo, 0, level);
        ref uint sr = ref Reg(RegSr1);
        sr &= ~TxFifoFull;
        if (level <= depth / 2) sr |= TxHalfEmpty;
        if (level == 0) sr |= TxFifoEmpty | TxUnderrun;
    }

    // ISR1 follows SR1 after every write; the line is ISR1 masked by IE1.
    void UpdateInterrupts()
    {
        uint sr = Reg(RegSr1);
        uint isr = Reg(RegIsr1) & ~(UnderrunIntr | TxIntr | TxCompleteIntr);
        if ((sr & TxUnderrun) != 0) isr |= UnderrunIntr;
        if ((sr & TxHalfEmpty) != 0) isr |= TxIntr;
        if ((sr & TxBusy) == 0 && (sr & TxFifoEmpty) != 0) isr |= TxCompleteIntr;
        Reg(RegIsr1) = isr;
        Irq.Set((isr & Reg(RegIe1)) != 0);
    }
}
