using Cloister.Platform.Devices;

namespace Cloister.Platform.Tests;

public class CfiFlashTests
{
    static CfiFlash NewFlash() => new("flash", 64u << 20, 256u << 10, 4, Logger.None, 0x0089, 0x0018, 0, 0);

    static uint R(CfiFlash f, uint off)
    {
        Assert.True(f.Read(off, 4, out uint v));
        return v;
    }

    static void W(CfiFlash f, uint off, uint v) => Assert.True(f.Write(off, 4, v));

    [Fact]
    public void CfiQueryAnswersQryAndTheGeometry()
    {
        var f = NewFlash();
        W(f, 0x55 * 4, 0x98);
        Assert.Equal((uint)'Q', R(f, 0x10 * 4));
        Assert.Equal((uint)'R', R(f, 0x11 * 4));
        Assert.Equal((uint)'Y', R(f, 0x12 * 4));
        Assert.Equal(0x01u, R(f, 0x13 * 4));  // Intel command set
        Assert.Equal(26u, R(f, 0x27 * 4));    // 2^26 = 64 MiB
        Assert.Equal(255u, R(f, 0x2D * 4));   // 256 blocks
        Assert.Equal(0x00u, R(f, 0x2F * 4));
        Assert.Equal(0x04u, R(f, 0x30 * 4));  // 0x0400 × 256 bytes = 256 KiB
        Assert.Equal((uint)'P', R(f, 0x31 * 4));
        W(f, 0, 0xF0);                        // stays in query mode, as QEMU
        Assert.Equal((uint)'Q', R(f, 0x10 * 4));
        W(f, 0, 0xFF);
        Assert.Equal(0u, R(f, 0x10 * 4));     // array mode: zeros (no backing file)
    }

    [Fact]
    public void IdentifierProgramEraseAndStatus()
    {
        var f = NewFlash();
        W(f, 0, 0x90);
        Assert.Equal(0x8918u, R(f, 0));
        Assert.Equal(0x0000u, R(f, 4));
        W(f, 0, 0xFF);
        W(f, 0x100, 0x40);
        W(f, 0x100, 0x12345678);
        Assert.Equal(0x00800080u, R(f, 0x100)); // status from both halves of the 32-bit bank
        W(f, 0, 0xFF);
        Assert.Equal(0x12345678u, R(f, 0x100));
        W(f, 0x40000, 0x20);                  // erase the second sector
        W(f, 0x40000, 0xD0);
        W(f, 0, 0xFF);
        Assert.Equal(0xFFFFFFFFu, R(f, 0x40000));
        Assert.Equal(0x12345678u, R(f, 0x100));
        W(f, 0, 0x50);                        // clear status
        W(f, 0, 0x70);
        Assert.Equal(0u, R(f, 0));
    }
}

public class MmciTests
{
    [Fact]
    public void CommandsTimeOutWithNoCardAndRaiseTheMaskedInterrupt()
    {
        var mmci = new Pl181Mmci("pl181", Logger.None);
        var sink = new RecordingSink();
        mmci.Irq[0].Connect(sink, 0);
        mmci.Irq[1].Connect(sink, 1);
        uint[] ids = [0x81, 0x11, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
        for (int i = 0; i < 8; i++)
        {
            Assert.True(mmci.Read(0xFE0 + (uint)i * 4, 4, out uint id));
            Assert.Equal(ids[i], id);
        }
        Assert.True(mmci.Write(0x3C, 4, Pl181Mmci.StatusCmdTimeout)); // MASK0
        Assert.True(mmci.Write(0x08, 4, 0));                           // argument
        Assert.True(mmci.Write(0x0C, 4, (1 << 10) | 0));               // CMD0, enable
        Assert.True(mmci.Read(0x34, 4, out uint status));
        Assert.Equal(Pl181Mmci.StatusCmdTimeout, status & Pl181Mmci.StatusCmdTimeout);
        Assert.True(sink.Levels[0]);
        Assert.False(sink.Levels[1]);
        Assert.True(mmci.Read(0x0C, 4, out uint cmd));
        Assert.Equal(0u, cmd & (1 << 10));                             // enable clears when done
        Assert.True(mmci.Write(0x38, 4, 0x7FF));                        // clear
        Assert.False(sink.Levels[0]);
    }
}

public class Smc91c111Tests
{
    static uint R(Smc91c111 d, uint off, int size)
    {
        Assert.True(d.Read(off, size, out uint v));
        return v;
    }

    [Fact]
    public void BankSelectRevisionAndMacAreQemus()
    {
        var eth = new Smc91c111(Logger.None);
        Assert.Equal(0x3300u, R(eth, 0xE, 2));               // bank 0, high byte 0x33
        Assert.True(eth.Write(0xE, 2, 3));
        Assert.Equal(0x3391u, R(eth, 0xA, 2));               // revision: chip 9 rev 1
        Assert.True(eth.Write(0xE, 2, 1));
        Assert.Equal(0x12005452u, R(eth, 0x4, 4));           // 52:54:00:12
        Assert.Equal(0x5634u, R(eth, 0x8, 2));               // :34:56
        Assert.Equal(0xA0B1u, R(eth, 0x0, 2));               // CONFIG reset value
    }

    [Fact]
    public void TxAllocationRaisesTheAllocInterrupt()
    {
        var eth = new Smc91c111(Logger.None);
        var sink = new RecordingSink();
        eth.Irq.Connect(sink, 0);
        Assert.True(eth.Write(0xE, 2, 2));
        Assert.True(eth.Write(0xD, 1, 0x08));                // mask ALLOC
        Assert.True(eth.Write(0x0, 2, 0x20));                // MMU: allocate for TX
        Assert.True(sink.Levels[0]);
        Assert.Equal(0u, R(eth, 0x3, 1));                    // allocation result: packet 0
        Assert.Equal(0x0Cu, R(eth, 0xC, 1) & 0x0C);          // ALLOC | TX_EMPTY
        var sent = new List<byte[]>();
        eth.Transmit = sent.Add;
        Assert.True(eth.Write(0x2, 1, 0));                   // packet number 0
        Assert.True(eth.Write(0x6, 2, 0x4000));              // pointer, auto-increment
        foreach (byte b in new byte[] { 0, 0, 10, 0, 1, 2, 3, 4, 0, 0 }) Assert.True(eth.Write(0x8, 1, b));
        Assert.True(eth.Write(0xE, 2, 0));
        Assert.True(eth.Write(0x0, 2, 1));                   // TCR: TX enable
        Assert.True(eth.Write(0xE, 2, 2));
        Assert.True(eth.Write(0x0, 2, 0xC0));                // MMU: enqueue for TX
        Assert.Equal([1, 2, 3, 4], sent.Single());
    }
}

public class KmiTests
{
    static uint R(Pl050Kmi k, uint off)
    {
        Assert.True(k.Read(off, 4, out uint v));
        return v;
    }

    [Fact]
    public void KeyboardResetAndIdentifyThroughThePl050()
    {
        var kmi = new Pl050Kmi("kmi0", new Ps2Keyboard(), Logger.None);
        var sink = new RecordingSink();
        kmi.Irq.Connect(sink, 0);
        uint[] ids = [0x50, 0x10, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
        for (int i = 0; i < 8; i++) Assert.Equal(ids[i], R(kmi, 0xFE0 + (uint)i * 4));
        Assert.True(kmi.Write(0x00, 4, 0x14));      // enable, RX interrupt
        Assert.Equal(0x40u, R(kmi, 0x04));          // TX empty, nothing received
        Assert.True(kmi.Write(0x08, 4, 0xFF));      // reset
        Assert.True(sink.Levels[0]);
        Assert.Equal(0x50u, R(kmi, 0x04) & 0x50);   // RX full
        Assert.Equal(0xFAu, R(kmi, 0x08));
        Assert.Equal(0xAAu, R(kmi, 0x08));
        Assert.False(sink.Levels[0]);
        Assert.True(kmi.Write(0x08, 4, 0xF2));      // identify
        Assert.Equal(0xFAu, R(kmi, 0x08));
        Assert.Equal(0xABu, R(kmi, 0x08));
        Assert.Equal(0x83u, R(kmi, 0x08));
        Assert.Equal(0x83u, R(kmi, 0x08));          // empty: the last byte again
        Assert.Equal(2u, R(kmi, 0x10));             // KMIIR: no RX pending
    }

    [Fact]
    public void MouseBecomesAnIntelliMouseAfterTheKnock()
    {
        var mouse = new Ps2Mouse();
        var kmi = new Pl050Kmi("kmi1", mouse, Logger.None);
        foreach (byte rate in new byte[] { 200, 100, 80 })
        {
            Assert.True(kmi.Write(0x08, 4, 0xF3));
            Assert.Equal(0xFAu, R(kmi, 0x08));
            Assert.True(kmi.Write(0x08, 4, rate));
            Assert.Equal(0xFAu, R(kmi, 0x08));
        }
        Assert.True(kmi.Write(0x08, 4, 0xF2));
        Assert.Equal(0xFAu, R(kmi, 0x08));
        Assert.Equal(3u, R(kmi, 0x08));
    }
}
