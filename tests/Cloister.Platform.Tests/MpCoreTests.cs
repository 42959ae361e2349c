using Cloister.Platform.Bus;
using Cloister.Platform.Devices;
using Cloister.Platform.Devices.MpCore;

using static Cloister.Platform.Tests.Mmio;

namespace Cloister.Platform.Tests;

/// <summary>
/// Timing and wiring of the 11MPCore private peripherals. Register values with time stopped are
/// checked against QEMU itself in <see cref="MpCoreQtestTests"/>; the expiry times here follow
/// QEMU 7.2's hw/timer/arm_mptimer.c and hw/core/ptimer.c (a tick is 10 ns × (prescaler + 1);
/// its ptimer policy makes an auto-reload period load + 1 ticks and rounds the counter up).
/// </summary>
public class MpCoreTests
{
    static (FakeTime, ArmMpTimer) OneCpuTimer()
    {
        var t = new FakeTime();
        return (t, new ArmMpTimer(1, t.Clock, () => 0, Logger.None));
    }

    [Theory]
    [InlineData(1, 0x10u)] // QEMU -smp 1, 2, 3 (and 4 in the qtest transcript: 0xf3)
    [InlineData(2, 0x31u)]
    [InlineData(3, 0x72u)]
    [InlineData(4, 0xF3u)]
    public void ScuConfigurationGivesCpuCountAndSmpBits(int cpus, uint config)
    {
        var scu = new Arm11Scu(cpus, Logger.None);
        Assert.Equal(config, R(scu, 0x04));
    }

    [Fact]
    public void ScuBadOffsetsAreGuestErrors()
    {
        var log = new CollectingLog();
        var scu = new Arm11Scu(2, log.Logger());
        Assert.Equal(0u, R(scu, 0x40));
        W(scu, 0x04, 0); // configuration is read-only
        Assert.Equal(0x31u, R(scu, 0x04));
        Assert.Equal(2, log.Lines.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Arm11Scu(5, Logger.None));
    }

    [Fact]
    public void AutoReloadTimerFiresEveryLoadPlusOneTicks()
    {
        var (t, timer) = OneCpuTimer();
        var sink = new RecordingSink();
        timer.Irq(0).Connect(sink, 29);
        W(timer.ThisCpu, 0x00, 1000);
        W(timer.ThisCpu, 0x08, 0x7); // enable, auto-reload, IRQ enable; tick 10 ns
        Assert.Equal(1000u, R(timer.ThisCpu, 0x04));
        t.Advance(5000);
        Assert.Equal(501u, R(timer.ThisCpu, 0x04)); // rounded up: the tick in progress
        t.Advance(4999);
        Assert.Equal(1u, R(timer.ThisCpu, 0x04));
        Assert.False(sink.Levels[29]);
        t.Advance(1); // 10 µs: 1000 ticks
        Assert.True(sink.Levels[29]);
        Assert.Equal(1u, R(timer.ThisCpu, 0x0C));
        Assert.Equal(0u, R(timer.ThisCpu, 0x04)); // one period at 0 before the wrap
        t.Advance(10);
        Assert.Equal(0u, R(timer.ThisCpu, 0x04));
        t.Advance(10);
        Assert.Equal(1000u, R(timer.ThisCpu, 0x04));
        W(timer.ThisCpu, 0x0C, 1);
        Assert.False(sink.Levels[29]);
        t.Advance(9989); // next expiry 1001 ticks after the first: 20010 ns
        Assert.False(sink.Levels[29]);
        t.Advance(1);
        Assert.True(sink.Levels[29]);
    }

    [Fact]
    public void OneShotWithPrescalerStopsAtZero()
    {
        var (t, timer) = OneCpuTimer();
        W(timer.ThisCpu, 0x00, 100);
        W(timer.ThisCpu, 0x08, 0x0205); // enable, IRQ enable, prescaler 2: 30 ns a tick
        t.Advance(1500);
        Assert.Equal(51u, R(timer.ThisCpu, 0x04));
        t.Advance(1499);
        Assert.Equal(0u, R(timer.ThisCpu, 0x0C));
        t.Advance(1);
        Assert.Equal(1u, R(timer.ThisCpu, 0x0C));
        Assert.True(timer.Irq(0).Level);
        t.Advance(100_000);
        Assert.Equal(0u, R(timer.ThisCpu, 0x04));
        W(timer.ThisCpu, 0x0C, 1);
        t.Advance(100_000);
        Assert.Equal(0u, R(timer.ThisCpu, 0x0C));
    }

    [Fact]
    public void AutoReloadWithLoadZeroAndPrescalerFiresEveryTick()
    {
        var (t, timer) = OneCpuTimer();
        W(timer.ThisCpu, 0x08, 0x0107); // load 0, prescaler 1: 20 ns a tick
        t.Advance(19);
        Assert.Equal(0u, R(timer.ThisCpu, 0x0C));
        t.Advance(1);
        Assert.Equal(1u, R(timer.ThisCpu, 0x0C));
        W(timer.ThisCpu, 0x0C, 1);
        t.Advance(20);
        Assert.Equal(1u, R(timer.ThisCpu, 0x0C));
    }

    [Fact]
    public void AutoReloadWithLoadZeroStopsAfterOneInterruptWithoutPrescaler()
    {
        var (t, timer) = OneCpuTimer();
        W(timer.ThisCpu, 0x08, 0x0107); // load 0, prescaler 1: fires every 20 ns
        t.Advance(30);
        W(timer.ThisCpu, 0x0C, 1);
        W(timer.ThisCpu, 0x08, 0x0007); // prescaler 0: one more interrupt, then the block stops
        t.Advance(10);
        Assert.Equal(1u, R(timer.ThisCpu, 0x0C));
        W(timer.ThisCpu, 0x0C, 1);
        t.Advance(1000);
        Assert.Equal(0u, R(timer.ThisCpu, 0x0C));
        Assert.Equal(7u, R(timer.ThisCpu, 0x08));
    }

    [Fact]
    public void IrqEnableTakesEffectAtTheNextStatusWriteAsInQemu()
    {
        var (t, timer) = OneCpuTimer();
        W(timer.ThisCpu, 0x00, 10);
        W(timer.ThisCpu, 0x08, 0x1); // one-shot, no IRQ enable
        t.Advance(100);
        Assert.Equal(1u, R(timer.ThisCpu, 0x0C));
        Assert.False(timer.Irq(0).Level);
        W(timer.ThisCpu, 0x08, 0x4); // QEMU does not update the line on a control write
        Assert.False(timer.Irq(0).Level);
        W(timer.ThisCpu, 0x0C, 0); // a status write that clears nothing updates it
        Assert.True(timer.Irq(0).Level);
    }

    [Fact]
    public void ThisCpuWindowFollowsTheAccessingCpu()
    {
        var t = new FakeTime();
        int cpu = 0;
        var timer = new ArmMpTimer(4, t.Clock, () => cpu, Logger.None);
        for (cpu = 0; cpu < 4; cpu++) W(timer.ThisCpu, 0x00, 100u * (uint)(cpu + 1));
        for (int i = 0; i < 4; i++) Assert.Equal(100u * (uint)(i + 1), R(timer.Window(i), 0x00));
        cpu = 2;
        W(timer.ThisCpu, 0x08, 0x5);
        t.Advance(3000);
        Assert.True(timer.Irq(2).Level);
        Assert.False(timer.Irq(0).Level || timer.Irq(1).Level || timer.Irq(3).Level);
        cpu = 4;
        Assert.Throws<InvalidOperationException>(() => R(timer.ThisCpu, 0x00));
    }

    [Fact]
    public void WatchdogInTimerModeCountsAndInterruptsLikeTheTimer()
    {
        var t = new FakeTime();
        var wd = new ArmMpTimer(2, t.Clock, () => 1, Logger.None, "wdtimer");
        W(wd.ThisCpu, 0x00, 50);
        W(wd.ThisCpu, 0x08, 0x0B); // enable, auto-reload, watchdog mode bit: QEMU ignores it
        Assert.Equal(0x0Bu, R(wd.Window(1), 0x08));
        t.Advance(500);
        Assert.Equal(1u, R(wd.Window(1), 0x0C));
        Assert.False(wd.Irq(1).Level); // IRQ enable clear
        Assert.Equal(0u, R(wd.Window(1), 0x10)); // reset status
    }

    [Fact]
    public void ResetStopsEveryBlockAndLowersItsLine()
    {
        var t = new FakeTime();
        var timer = new ArmMpTimer(2, t.Clock, () => 1, Logger.None);
        W(timer.ThisCpu, 0x00, 10);
        W(timer.ThisCpu, 0x08, 0x7);
        t.Advance(100);
        Assert.True(timer.Irq(1).Level);
        timer.ThisCpu.Reset();
        Assert.False(timer.Irq(1).Level);
        Assert.Equal(0u, R(timer.Window(1), 0x08));
        t.Advance(1000);
        Assert.Equal(0u, R(timer.Window(1), 0x0C));
    }

    [Fact]
    public void NarrowAccessesAreDroppedAndLogged()
    {
        var log = new CollectingLog();
        var t = new FakeTime();
        var timer = new ArmMpTimer(1, t.Clock, () => 0, log.Logger());
        Assert.True(timer.Window(0).Write(0x00, 2, 0x55));
        Assert.Equal(0u, R(timer.Window(0), 0x00));
        Assert.True(timer.ThisCpu.Read(0x00, 1, out uint v));
        Assert.Equal(0u, v);
        Assert.Equal(2, log.Lines.Count);
    }

    [Theory]
    [InlineData(0xC1400400u, 4u)] // EB: write protect is bit 2
    [InlineData(0x41007004u, 4u)] // PB926 (Versatile/PB's ID)
    [InlineData(0x01780500u, 2u)] // PB-A8: bit 1
    public void SystemRegisterMciFollowsTheCardSignals(uint sysId, uint wprotBit)
    {
        var t = new FakeTime();
        var s = new SystemRegisters(sysId, 0x06000000, t.Clock, Logger.None);
        s.Reset();
        s.SetInput(SystemRegisters.InputMmcCardIn, true);
        Assert.Equal(1u, R(s, 0x48));
        s.SetInput(SystemRegisters.InputMmcWriteProtect, true);
        Assert.Equal(1u | wprotBit, R(s, 0x48));
        s.SetInput(SystemRegisters.InputMmcCardIn, false);
        Assert.Equal(wprotBit, R(s, 0x48));
        W(s, 0x48, 0); // read-only
        s.Reset();     // not reset
        Assert.Equal(wprotBit, R(s, 0x48));
    }
}
