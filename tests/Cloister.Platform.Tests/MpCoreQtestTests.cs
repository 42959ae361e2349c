using Cloister.Platform.Bus;
using Cloister.Platform.Devices;
using Cloister.Platform.Devices.MpCore;

namespace Cloister.Platform.Tests;

/// <summary>
/// Replays Oracle/mpcore-qtest.cmds (register accesses to realview-eb-mpcore's SCU, private
/// timers, watchdogs and system registers) against Cloister's devices and compares every answer
/// with QEMU's, recorded in Oracle/mpcore-qtest.out by Oracle/make-mpcore-qtest.py (qtest,
/// VM stopped so time stays at 0, accesses as CPU 0).
/// </summary>
public class MpCoreQtestTests
{
    const uint PeriphBase = 0x10100000, SysctlBase = 0x10000000;

    [Fact]
    public void RegisterAccessesAnswerAsQemu()
    {
        var t = new FakeTime();
        using var bus = new PhysicalBus(0, 1 << 16);
        var sysctl = new SystemRegisters(0xC1400400, 0x06000000, t.Clock, Logger.None);
        var scu = new Arm11Scu(4, Logger.None);
        var timers = new ArmMpTimer(4, t.Clock, () => 0, Logger.None);
        var watchdogs = new ArmMpTimer(4, t.Clock, () => 0, Logger.None, "wdtimer");
        bus.Map(SysctlBase, 0x1000, sysctl);
        MpCorePrivateMap.MapScuAndTimers(bus.Map, PeriphBase, scu, timers, watchdogs);
        foreach (var m in bus.Mappings) m.Device.Reset();

        QtestReplay.Run(bus, "mpcore-qtest.cmds", "mpcore-qtest.out");
    }
}
