using Cloister.Platform.Bus;
using Cloister.Platform.Devices;

using static Cloister.Platform.Tests.Mmio;

namespace Cloister.Platform.Tests;

public class DeviceTests
{
    [Fact]
    public void SystemRegistersResetValues()
    {
        var t = new FakeTime();
        var s = new SystemRegisters(0x41007004, 0x02000000, t.Clock, Logger.None);
        s.Reset();
        Assert.Equal(0x41007004u, R(s, 0x00));
        Assert.Equal(0u, R(s, 0x20));
        Assert.Equal(1u, R(s, 0x44));         // PCICTL
        Assert.Equal(0x1F00u, R(s, 0x50));    // CLCD: CLCDID 0x1f
        Assert.Equal(0x02000000u, R(s, 0x84)); // PROCID0
        Assert.Equal(0xFF000000u, R(s, 0x88)); // PROCID1
    }

    [Fact]
    public void SystemRegistersLockFlagsAndReset()
    {
        var t = new FakeTime();
        var s = new SystemRegisters(0x41007004, 0x02000000, t.Clock, Logger.None);
        s.Reset();
        int resets = 0;
        s.ResetRequested = () => resets++;
        W(s, 0x40, 0x100);              // locked: ignored
        Assert.Equal(0, resets);
        W(s, 0x20, 0x1234);
        Assert.Equal(0x1234u, R(s, 0x20));
        W(s, 0x20, 0xFFFF);
        Assert.Equal(0x7FFFu, R(s, 0x20));
        W(s, 0x20, 0xA05F);
        Assert.Equal(0xA05Fu, R(s, 0x20));
        W(s, 0x40, 0x100);
        Assert.Equal(1, resets);
        Assert.Equal(0x100u, R(s, 0x40));

        W(s, 0x30, 0xF0); W(s, 0x34, 0x30);
        Assert.Equal(0xC0u, R(s, 0x30));
        W(s, 0x38, 0x5); W(s, 0x3C, 0x1);
        Assert.Equal(0x4u, R(s, 0x38));
        s.Reset();
        Assert.Equal(0u, R(s, 0x30));
        Assert.Equal(0x4u, R(s, 0x38)); // NVFLAGS survive reset
    }

    [Fact]
    public void SystemRegisterCountersFollowVirtualTime()
    {
        var t = new FakeTime();
        var s = new SystemRegisters(0x41007004, 0x02000000, t.Clock, Logger.None);
        t.Advance(1_000_000_000);
        Assert.Equal(24_000_000u, R(s, 0x5C));
        Assert.Equal(100u, R(s, 0x24));
        t.Advance(500);
        Assert.Equal(24_000_012u, R(s, 0x5C));
    }

    [Fact]
    public void Sp804ResetStateAndIds()
    {
        var t = new FakeTime();
        var timer = new Sp804Timer(t.Clock, Logger.None);
        timer.Reset();
        Assert.Equal(0x20u, R(timer, 0x08)); // control: IE
        Assert.Equal(0x20u, R(timer, 0x28));
        uint[] ids = [0x04, 0x18, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
        for (int i = 0; i < 8; i++) Assert.Equal(ids[i], R(timer, 0xFE0 + (uint)i * 4));
    }

    [Fact]
    public void Sp804PeriodicTimerCountsDownAndInterrupts()
    {
        var t = new FakeTime();
        var timer = new Sp804Timer(t.Clock, Logger.None);
        var sink = new RecordingSink();
        timer.Irq.Connect(sink, 0);
        timer.Reset();
        W(timer, 0x00, 1000);                 // load: 1000 ticks of 1 µs
        W(timer, 0x08, 0x80 | 0x40 | 0x20 | 0x02); // enable, periodic, IE, 32-bit
        Assert.Equal(1000u, R(timer, 0x04));
        t.Advance(250_000);
        Assert.Equal(750u, R(timer, 0x04));
        Assert.False(sink.Levels[0]);
        t.Advance(750_000);
        Assert.True(sink.Levels[0]);
        Assert.Equal(1u, R(timer, 0x10));     // RIS
        Assert.Equal(1u, R(timer, 0x14));     // MIS
        W(timer, 0x0C, 0);                    // clear
        Assert.False(sink.Levels[0]);
        t.Advance(400_000);
        Assert.Equal(600u, R(timer, 0x04));   // reloaded from the limit, no drift
        t.Advance(600_000);
        Assert.True(sink.Levels[0]);
    }

    [Fact]
    public void Sp804OneShotStopsAtZeroAndPrescaleDivides()
    {
        var t = new FakeTime();
        var timer = new Sp804Timer(t.Clock, Logger.None);
        timer.Reset();
        W(timer, 0x00, 10);
        W(timer, 0x08, 0x80 | 0x20 | 0x02 | 0x01 | 0x04); // enable, IE, 32-bit, one-shot, /16
        t.Advance(16_000 * 5);
        Assert.Equal(5u, R(timer, 0x04));
        t.Advance(16_000 * 5);
        Assert.Equal(1u, R(timer, 0x10));
        t.Advance(1_000_000);
        Assert.Equal(0u, R(timer, 0x04));
    }

    [Fact]
    public void Sp804FreeRunningWrapsAt16Or32Bits()
    {
        var t = new FakeTime();
        var timer = new Sp804Timer(t.Clock, Logger.None);
        timer.Reset();
        W(timer, 0x08, 0x80);                 // enabled, free-running, 16-bit, IE off
        Assert.Equal(0xFFFFu, R(timer, 0x04));
        t.Advance(0x10000 * 1000L);
        Assert.Equal(1u, R(timer, 0x10));     // raw status set, no interrupt (IE clear)
        Assert.Equal(0u, R(timer, 0x14));
        W(timer, 0x28, 0x82);                 // timer 1: enabled, free-running, 32-bit
        Assert.Equal(0xFFFFFFFFu, R(timer, 0x24));
    }

    [Fact]
    public void Sp804BackgroundLoadTakesEffectAtTheNextWrap()
    {
        var t = new FakeTime();
        var timer = new Sp804Timer(t.Clock, Logger.None);
        timer.Reset();
        W(timer, 0x00, 100);
        W(timer, 0x08, 0xE2);
        t.Advance(50_000);
        W(timer, 0x18, 10);                   // BGLOAD
        Assert.Equal(10u, R(timer, 0x00));
        Assert.Equal(50u, R(timer, 0x04));
        t.Advance(50_000);
        t.Advance(5_000);
        Assert.Equal(5u, R(timer, 0x04));
    }

    [Fact]
    public void UartTransmitsAndSignalsTx()
    {
        var output = new BufferCharBackend();
        var uart = new Pl011Uart("pl011", Logger.None, output);
        var sink = new RecordingSink();
        uart.Irq.Connect(sink, 0);
        Assert.Equal(0x90u, R(uart, 0x18));   // FR: TXFE | RXFE
        Assert.Equal(0x300u, R(uart, 0x30));  // CR
        Assert.Equal(0x12u, R(uart, 0x34));   // IFLS
        W(uart, 0x00, 'h');
        W(uart, 0x00, 'i');
        Assert.Equal("hi", output.Text);
        Assert.Equal(Pl011Uart.IntTx, R(uart, 0x3C));
        Assert.False(sink.Levels[0]);
        W(uart, 0x38, Pl011Uart.IntTx);       // IMSC
        Assert.True(sink.Levels[0]);
        Assert.Equal(Pl011Uart.IntTx, R(uart, 0x40));
        W(uart, 0x44, Pl011Uart.IntTx);       // ICR
        Assert.False(sink.Levels[0]);
        uint[] ids = [0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
        for (int i = 0; i < 8; i++) Assert.Equal(ids[i], R(uart, 0xFE0 + (uint)i * 4));
    }

    [Fact]
    public void UartReceiveFifoAndRxInterrupt()
    {
        var uart = new Pl011Uart("pl011", Logger.None);
        var sink = new RecordingSink();
        uart.Irq.Connect(sink, 0);
        W(uart, 0x38, Pl011Uart.IntRx);
        Assert.True(uart.CanReceive);
        uart.Receive((byte)'a');
        Assert.False(uart.CanReceive);        // FIFO disabled: one character
        Assert.True(sink.Levels[0]);
        Assert.Equal(0x40u | 0x80, R(uart, 0x18)); // RXFF | TXFE
        Assert.Equal((uint)'a', R(uart, 0x00));
        Assert.False(sink.Levels[0]);
        Assert.Equal(0x90u, R(uart, 0x18));

        W(uart, 0x2C, 0x10);                  // LCR_H: FIFOs on
        for (int i = 0; i < 16; i++) uart.Receive((byte)('A' + i));
        Assert.False(uart.CanReceive);
        Assert.Equal(0x40u, R(uart, 0x18) & 0x40);
        for (int i = 0; i < 16; i++) Assert.Equal((uint)('A' + i), R(uart, 0x00));
        Assert.Equal(0x10u, R(uart, 0x18) & 0x10);
    }

    [Fact]
    public void RtcCountsFromStartTimeAndMatchInterrupts()
    {
        var t = new FakeTime();
        var rtc = new Pl031Rtc(t.Clock, Logger.None, 1_000_000);
        var sink = new RecordingSink();
        rtc.Irq.Connect(sink, 0);
        Assert.Equal(1_000_000u, R(rtc, 0x00));
        Assert.Equal(1u, R(rtc, 0x0C));
        uint[] ids = [0x31, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
        for (int i = 0; i < 8; i++) Assert.Equal(ids[i], R(rtc, 0xFE0 + (uint)i * 4));
        t.Advance(2_500_000_000);
        Assert.Equal(1_000_002u, R(rtc, 0x00));
        W(rtc, 0x10, 1);                      // IMSC
        W(rtc, 0x04, 1_000_005);              // match in 3 s
        t.Advance(2_000_000_000);
        Assert.False(sink.Levels[0]);
        t.Advance(1_000_000_000);
        Assert.True(sink.Levels[0]);
        Assert.Equal(1u, R(rtc, 0x14));
        Assert.Equal(1u, R(rtc, 0x18));
        W(rtc, 0x1C, 1);
        Assert.False(sink.Levels[0]);
        W(rtc, 0x08, 2_000_000);              // load
        Assert.Equal(2_000_000u, R(rtc, 0x00));
        Assert.Equal(2_000_000u, R(rtc, 0x08)); // LR reads back what was loaded (QEMU 7.2: guests/tests/golden/pl031.out)
    }

    [Fact]
    public void UnimplementedDeviceReadsZeroAndLogsOnce()
    {
        var log = new CollectingLog();
        var d = new UnimplementedDevice("pl110", log.Logger());
        Assert.Equal(0u, R(d, 0x10));
        Assert.Equal(0u, R(d, 0x10));
        W(d, 0x10, 5);
        Assert.Equal(2, log.Lines.Count);
        Assert.StartsWith("pl110: unimplemented device read", log.Lines[0]);
    }

    [Fact]
    public void GpioIdsAndDirectionMaskedData()
    {
        var g = new Pl061Gpio(Logger.None);
        uint[] ids = [0x61, 0x10, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
        for (int i = 0; i < 8; i++) Assert.Equal(ids[i], R(g, 0xFE0 + (uint)i * 4));
        W(g, 0x400, 0x0F);
        W(g, 0x3FC, 0xFF);
        Assert.Equal(0x0Fu, R(g, 0x3FC));
        Assert.Equal(0x01u, R(g, 0x004));
    }
}

public class ClcdTests
{
    [Fact]
    public void VersatileVariantSwapsControlAndMaskAndKeepsThePl110Id()
    {
        var t = new FakeTime();
        var clcd = new Pl110Clcd(t.Clock, Logger.None);
        uint[] ids = [0x10, 0x11, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
        for (int i = 0; i < 8; i++) Assert.Equal(ids[i], R(clcd, 0xFE0 + (uint)i * 4));
        W(clcd, 0x18, 0x1234);
        Assert.Equal(0x1234u, clcd.Control);
        W(clcd, 0x1C, 0x0C);
        Assert.Equal(0x0Cu, clcd.IntMask);
        Assert.Equal(0x1234u, R(clcd, 0x18));
        Assert.Equal(0x0Cu, R(clcd, 0x1C));
        W(clcd, 0x00, 0x9C);                  // 640 columns
        W(clcd, 0x04, 479);
        Assert.Equal(640, clcd.Columns);
        Assert.Equal(480, clcd.Rows);
    }

    [Fact]
    public void VblankInterruptsAt60HzWhileEnabledAndPowered()
    {
        var t = new FakeTime();
        var clcd = new Pl110Clcd(t.Clock, Logger.None);
        var sink = new RecordingSink();
        clcd.Irq.Connect(sink, 0);
        W(clcd, 0x1C, Pl110Clcd.IeVertCompare);
        W(clcd, 0x18, Pl110Clcd.CrEnable | Pl110Clcd.CrPower);
        t.Advance(1_000_000_000 / 60 - 1);
        Assert.False(sink.Levels[0]);
        t.Advance(1);
        Assert.True(sink.Levels[0]);
        Assert.Equal(Pl110Clcd.IeNextBase | Pl110Clcd.IeVertCompare, R(clcd, 0x20)); // RIS
        Assert.Equal(Pl110Clcd.IeVertCompare, R(clcd, 0x24));                         // MIS
        W(clcd, 0x28, 0xC);                                                          // ICR
        Assert.False(sink.Levels[0]);
        W(clcd, 0x18, 0);                                                            // disable
        t.Advance(1_000_000_000);
        Assert.False(sink.Levels[0]);
    }
}
