using System.Globalization;
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

        string[] cmds = [.. File.ReadAllLines(Oracle.File("mpcore-qtest.cmds")).Where(l => l.Length > 0 && l[0] != '#')];
        string[] answers = File.ReadAllLines(Oracle.File("mpcore-qtest.out"));
        Assert.Equal(cmds.Length, answers.Length);
        for (int i = 0; i < cmds.Length; i++)
        {
            string[] w = cmds[i].Split(' ');
            uint addr = Parse(w[1]);
            string got;
            switch (w[0])
            {
                case "readl": case "readw":
                    Assert.True(bus.Read(addr, w[0] == "readl" ? 4 : 2, out uint v));
                    got = $"OK 0x{v:x16}";
                    break;
                case "writel": case "writew":
                    Assert.True(bus.Write(addr, w[0] == "writel" ? 4 : 2, Parse(w[2])));
                    got = "OK";
                    break;
                default:
                    throw new InvalidDataException($"unknown qtest command {cmds[i]}");
            }
            Assert.True(answers[i] == got, $"line {i + 1} `{cmds[i]}`: QEMU `{answers[i]}`, Cloister `{got}`");
        }
    }

    static uint Parse(string s) => s.StartsWith("0x")
        ? uint.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        : uint.Parse(s, CultureInfo.InvariantCulture);
}
