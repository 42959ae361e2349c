using Cloister.Platform.Devices;
using Cloister.Platform.Devices.Gic;
using Cloister.Platform.Devices.MpCore;
using Cloister.Platform.Loaders;

namespace Cloister.Platform.Boards;

/// <summary>
/// ARM RealView Emulation Baseboard with the ARM11 MPCore tile, 1 to 4 CPUs, as QEMU's
/// realview-eb-mpcore (hw/arm/realview.c, hw/cpu/realview_mpcore.c, hw/cpu/arm11mpcore.c).
/// </summary>
public sealed class RealViewEbMpCore : Board
{
    public override string Name => "realview-eb-mpcore";
    public override string Description => "ARM RealView Emulation Baseboard (ARM11MPCore)";
    public override uint MachineNumber => 0x33B;
    // QEMU accepts more but maps only the first 256 MiB at address 0 on the EB; refusing is
    // clearer than a guest that sees less RAM than it asked for.
    public override ulong MaxRamSize => 0x10000000;
    public override string RamTooLargeMessage => $"{Name}: only 256MB of RAM are mapped on this board; use -m 256M or less";
    public override string DefaultCpu => "arm11mpcore";
    public override int MaxCpus => 4;
    public override bool IgnoreTransactionFailures => true;

    public const uint SysId = 0xC1400400, ProcIdV6K = 0x06000000, ProcIdV6 = 0x04000000, ProcIdV5 = 0x02000000;
    public const uint PeriphBase = 0x10100000;
    const uint SmpBootAddress = 0xE0000000, SmpBootRegister = 0x10000030;

    public override SecondaryBoot SecondaryBoot => new(SmpBootAddress, SmpBootRegister, PeriphBase + 0x100);

    public override void Populate(Machine m)
    {
        var log = m.Log;
        uint procId = m.CpuModel.IsV6K ? ProcIdV6K : m.CpuModel.IsV6 ? ProcIdV6 : ProcIdV5;
        var sysctl = m.Add(0x10000000, 0x1000, new SystemRegisters(SysId, procId, m.Clock, log));
        sysctl.ResetRequested = m.RequestReset;

        var pic = AddMpCoreTile(m);

        var aaci = m.Add(0x10004000, 0x1000, new Pl041Aaci(512));
        aaci.Irq.Connect(pic, 19);
        var kmi0 = m.Add(0x10006000, 0x1000, new Pl050Kmi("pl050_keyboard", new Ps2Keyboard(), log));
        kmi0.Irq.Connect(pic, 20);
        var kmi1 = m.Add(0x10007000, 0x1000, new Pl050Kmi("pl050_mouse", new Ps2Mouse(), log));
        kmi1.Irq.Connect(pic, 21);

        for (int i = 0; i < 4; i++)
        {
            var uart = m.Add(0x10009000 + (uint)i * 0x1000, 0x1000, new Pl011Uart($"pl011.{i}", log, m.SerialBackend(i)));
            uart.Irq.Connect(pic, 12 + i);
            m.Uarts.Add(uart);
        }

        m.Add(0x10030000, 0x1000, new PrimeCellIdOnly("pl081", PrimeCellIdOnly.Pl081Id, log)); // DMA, line 24

        var timer01 = m.Add(0x10011000, 0x1000, new Sp804Timer(m.Clock, log, name: "sp804.0"));
        timer01.Irq.Connect(pic, 4);
        var timer23 = m.Add(0x10012000, 0x1000, new Sp804Timer(m.Clock, log, name: "sp804.1"));
        timer23.Irq.Connect(pic, 5);

        for (int i = 0; i < 3; i++)
        {
            var gpio = m.Add(0x10013000 + (uint)i * 0x1000, 0x1000, new Pl061Gpio(log));
            gpio.Irq.Connect(pic, 6 + i);
        }

        var clcd = m.Add(0x10020000, 0x1000, new Pl110Clcd(m.Clock, log, pl111: true));
        clcd.Irq.Connect(pic, 23);
        var mmci = m.Add(0x10005000, 0x1000, new Pl181Mmci("pl181", log)); // no card
        mmci.Irq[0].Connect(pic, 17);
        mmci.Irq[1].Connect(pic, 18);

        var rtc = m.Add(0x10017000, 0x1000, new Pl031Rtc(m.Clock, log, m.RtcStartSeconds));
        rtc.Irq.Connect(pic, 10);

        // PCI host bridge: controller registers and its windows (lines 48-51).
        m.Unimplemented("realview_pci", 0x10019000, 0x1000);
        m.Unimplemented("pci-self-config", 0x60000000, 0x1000000);
        m.Unimplemented("pci-config", 0x61000000, 0x1000000);
        m.Unimplemented("pci-io", 0x62000000, 0x1000000);
        m.Unimplemented("pci-mem1", 0x63000000, 0x1000000);
        m.Unimplemented("pci-mem2", 0x64000000, 0x4000000);
        m.Unimplemented("pci-mem3", 0x68000000, 0x8000000);
        var eth = m.Add(0x4E000000, 0x10, new Smc91c111(log)); // QEMU's default NIC; no network behind it
        eth.Irq.Connect(pic, 28);

        var i2c = m.Add(0x10002000, 0x1000, new SbconI2c(log));
        i2c.Bus.Attach(0x68, new Ds1338Rtc(m.Clock, m.RtcStartSeconds));

        // QEMU's "realview.hack": a RAM page for the secondary CPUs' boot loop.
        m.Bus.AddRam(SmpBootAddress, 0x1000);
    }

    /// <summary>The MPCore private region (SCU, GIC, per-CPU timers), the L2 cache controller
    /// and the four board GICs; returns the 64 baseboard interrupt lines.</summary>
    static RealViewInterruptRouter AddMpCoreTile(Machine m)
    {
        var log = m.Log;
        int cpus = m.Cpus.Count;
        Func<int> currentCpu = () => m.CurrentCpuIndex;
        const int MpCoreIrqs = 64;
        var gic = new ArmGic("mpcore-gic", cpus, MpCoreIrqs, GicRevision.Arm11MpCore, currentCpu, log);
        for (int i = 0; i < cpus; i++) gic.Irq[i].Connect(m.CpuInterruptSinks[i], CpuInterruptSink.Irq);
        m.Add(PeriphBase + MpCorePrivateMap.GicCpuThis, 0x100, gic.CpuInterfaceOfCurrent);
        for (int i = 0; i < cpus; i++) m.Add(PeriphBase + MpCorePrivateMap.GicCpu(i), 0x100, gic.CpuInterface(i));
        m.Add(PeriphBase + MpCorePrivateMap.GicDistributor, 0x1000, gic.Distributor);

        var timers = new ArmMpTimer(cpus, m.Clock, currentCpu, log);
        var watchdogs = new ArmMpTimer(cpus, m.Clock, currentCpu, log, "wdtimer");
        MpCorePrivateMap.MapScuAndTimers((b, size, d) => m.Add(b, size, d), PeriphBase, new Arm11Scu(cpus, log), timers, watchdogs);
        for (int i = 0; i < cpus; i++)
        {
            // GIC inputs after the SPIs are per CPU: 32 each, indexed by interrupt ID.
            int ppiBase = MpCoreIrqs - 32 + i * 32;
            timers.Irq(i).Connect(gic, ppiBase + MpCorePrivateMap.TimerPpi);
            watchdogs.Irq(i).Connect(gic, ppiBase + MpCorePrivateMap.WatchdogPpi);
        }
        m.Add(PeriphBase + 0x2000, 0x1000, new L2x0CacheController(log));

        var boardGics = new ArmGic[4];
        for (int n = 0; n < 4; n++)
        {
            uint baseAddress = 0x10040000 + (uint)n * 0x10000;
            boardGics[n] = new ArmGic($"realview_gic.{n}", 1, 96, GicRevision.V1, () => 0, log);
            m.Add(baseAddress, 0x100, boardGics[n].CpuInterface(0)); // QEMU's pre-v2 CPU interface window is 0x100
            m.Add(baseAddress + 0x1000, 0x1000, boardGics[n].Distributor);
            boardGics[n].Irq[0].Connect(gic, 10 + n);
        }
        return new RealViewInterruptRouter(boardGics, gic);
    }
}
