using Cloister.Platform.Bus;
using Cloister.Platform.Devices;

namespace Cloister.Platform.Tests;

public unsafe class BusAndClockTests
{
    [Fact]
    public void RamPagesAndDeviceDispatch()
    {
        using var bus = new PhysicalBus(0, 1 << 20);
        var uart = new Pl011Uart("u", Logger.None);
        bus.Map(0x101F1000, 0x1000, uart);
        Assert.True(bus.GetRamPage(0x3000) != null);
        Assert.True(bus.GetRamPage(0x100000) == null);
        Assert.Equal((nint)bus.RamPointer + 0x3000, (nint)bus.GetRamPage(0x3000));
        Assert.True(bus.Read(0x101F1018, 4, out uint fr));
        Assert.Equal(0x90u, fr);
        Assert.True(bus.Write(0x1000, 4, 0x11223344));
        Assert.True(bus.Read(0x1001, 1, out uint b));
        Assert.Equal(0x33u, b);
    }

    [Fact]
    public void UnassignedAccessesFaultUnlessTheBoardIgnoresThem()
    {
        var log = new CollectingLog();
        using var bus = new PhysicalBus(0, 1 << 20) { Log = log.Logger() };
        Assert.False(bus.Read(0x20000000, 4, out _));
        Assert.False(bus.Write(0x20000000, 4, 1));
        bus.IgnoreTransactionFailures = true;
        Assert.True(bus.Read(0x20000000, 4, out uint v));
        Assert.Equal(0u, v);
        Assert.Equal(3, log.Lines.Count);
    }

    [Fact]
    public void OverlappingMappingsAreRejected()
    {
        using var bus = new PhysicalBus(0, 1 << 20);
        bus.Map(0x10000000, 0x1000, new UnimplementedDevice("a", Logger.None));
        Assert.Throws<ArgumentException>(() => bus.Map(0x10000800, 0x1000, new UnimplementedDevice("b", Logger.None)));
        Assert.Throws<ArgumentException>(() => bus.Map(0x80000, 0x1000, new UnimplementedDevice("c", Logger.None)));
    }

    [Fact]
    public void ClockShiftAndEventOrdering()
    {
        var t = new FakeTime(shift: 3);
        Assert.Equal(0, t.Clock.NowNs);
        t.Instructions = 10;
        Assert.Equal(80, t.Clock.NowNs);
        var fired = new List<string>();
        var a = t.Clock.CreateEvent("a", () => fired.Add("a"));
        var b = t.Clock.CreateEvent("b", () => fired.Add("b"));
        b.Schedule(200);
        a.Schedule(100);
        Assert.Equal(3, t.Clock.InstructionsUntilNextEvent(1000)); // ceil(20 / 8)
        t.Instructions += 3;
        t.Clock.RunDueEvents();
        Assert.Equal(["a"], fired);
        t.Clock.AdvanceTo(500); // idle skip
        Assert.Equal(500, t.Clock.NowNs);
        t.Clock.RunDueEvents();
        Assert.Equal(["a", "b"], fired);
        Assert.Null(t.Clock.NextDeadline);
        Assert.Equal(1000, t.Clock.InstructionsUntilNextEvent(1000));
    }

    [Fact]
    public void CancelledEventsDoNotFire()
    {
        var t = new FakeTime();
        int n = 0;
        var e = t.Clock.CreateEvent("e", () => n++);
        e.Schedule(10);
        e.Cancel();
        t.Advance(100);
        Assert.Equal(0, n);
    }
}
