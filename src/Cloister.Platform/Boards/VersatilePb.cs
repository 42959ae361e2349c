using Cloister.Platform.Devices;

namespace Cloister.Platform.Boards;

/// <summary>
/// ARM Versatile/PB with an ARM926EJ-S, as QEMU's versatilepb (hw/arm/versatilepb.c).
/// </summary>
public class VersatilePb : Board
{
    public override string Name => "versatilepb";
    public override string Description => "ARM Versatile/PB (ARM926EJ-S)";
    public override uint MachineNumber => 0x183;
    public override ulong MaxRamSize => 0x10000000;
    public override string DefaultCpu => "arm926";
    public override bool IgnoreTransactionFailures => true;
    public override string RamTooLargeMessage => $"{Name}: memory size must not exceed 256MB";

    public const uint SysId = 0x41007004, ProcId = 0x02000000;

    public override void Populate(Machine m)
    {
        var log = m.Log;
        var sysctl = m.Add(0x10000000, 0x1000, new SystemRegisters(SysId, ProcId, m.Clock, log));
        sysctl.ResetRequested = m.RequestReset;

        var vic = m.Add(0x10140000, 0x1000, new Pl190Vic(log));
        vic.Irq.Connect(m.CpuInterrupts, CpuInterruptSink.Irq);
        vic.Fiq.Connect(m.CpuInterrupts, CpuInterruptSink.Fiq);
        var sic = m.Add(0x10003000, 0x1000, new VersatileSic(log));
        sic.ConnectTo(vic);

        var kmi0 = m.Add(0x10006000, 0x1000, new Pl050Kmi("pl050_keyboard", new Ps2Keyboard(), log));
        kmi0.Irq.Connect(sic, 3);
        var kmi1 = m.Add(0x10007000, 0x1000, new Pl050Kmi("pl050_mouse", new Ps2Mouse(), log));
        kmi1.Irq.Connect(sic, 4);

        // PCI host bridge: controller registers and its windows.
        m.Unimplemented("versatile_pci", 0x10001000, 0x1000);
        m.Unimplemented("pci-self-config", 0x41000000, 0x1000000);
        m.Unimplemented("pci-config", 0x42000000, 0x1000000);
        m.Unimplemented("pci-io", 0x43000000, 0x1000000);
        m.Unimplemented("pci-mem1", 0x44000000, 0x0C000000);
        m.Unimplemented("pci-mem2", 0x50000000, 0x10000000);
        m.Unimplemented("pci-mem3", 0x60000000, 0x10000000);
        var eth = m.Add(0x10010000, 0x10, new Smc91c111(log)); // QEMU's default NIC; no network behind it
        eth.Irq.Connect(sic, 25);

        var uart0 = m.Add(0x101F1000, 0x1000, new Pl011Uart("pl011.0", log, m.SerialBackend(0)));
        uart0.Irq.Connect(vic, 12);
        var uart1 = m.Add(0x101F2000, 0x1000, new Pl011Uart("pl011.1", log, m.SerialBackend(1)));
        uart1.Irq.Connect(vic, 13);
        var uart2 = m.Add(0x101F3000, 0x1000, new Pl011Uart("pl011.2", log, m.SerialBackend(2)));
        uart2.Irq.Connect(vic, 14);
        var uart3 = m.Add(0x10009000, 0x1000, new Pl011Uart("pl011.3", log, m.SerialBackend(3)));
        uart3.Irq.Connect(sic, 6);
        m.Uarts.AddRange([uart0, uart1, uart2, uart3]);

        m.Add(0x10130000, 0x1000, new PrimeCellIdOnly("pl080", PrimeCellIdOnly.Pl080Id, m.Log)); // DMA, VIC 17

        var timer01 = m.Add(0x101E2000, 0x1000, new Sp804Timer(m.Clock, log, name: "sp804.0"));
        timer01.Irq.Connect(vic, 4);
        var timer23 = m.Add(0x101E3000, 0x1000, new Sp804Timer(m.Clock, log, name: "sp804.1"));
        timer23.Irq.Connect(vic, 5);

        for (int i = 0; i < 4; i++)
        {
            var gpio = m.Add(0x101E4000 + (uint)i * 0x1000, 0x1000, new Pl061Gpio(log));
            gpio.Irq.Connect(vic, 6 + i);
        }

        var clcd = m.Add(0x10120000, 0x1000, new Pl110Clcd(m.Clock, log));
        clcd.Irq.Connect(vic, 16);
        sysctl.ClcdMux = mux => clcd.MuxControl = mux;
        var mmci0 = m.Add(0x10005000, 0x1000, new Pl181Mmci("pl181.0", log)); // no card
        mmci0.Irq[0].Connect(sic, 22);
        mmci0.Irq[1].Connect(sic, 1);
        var mmci1 = m.Add(0x1000B000, 0x1000, new Pl181Mmci("pl181.1", log));
        mmci1.Irq[0].Connect(sic, 23);
        mmci1.Irq[1].Connect(sic, 2);

        var rtc = m.Add(0x101E8000, 0x1000, new Pl031Rtc(m.Clock, log, m.RtcStartSeconds));
        rtc.Irq.Connect(vic, 10);

        var i2c = m.Add(0x10002000, 0x1000, new SbconI2c(log));
        i2c.Bus.Attach(0x68, new Ds1338Rtc(m.Clock, m.RtcStartSeconds));
        var aaci = m.Add(0x10004000, 0x1000, new Pl041Aaci(512));
        aaci.Irq.Connect(sic, 24);
        // 64 MiB of NOR flash, 256 KiB sectors, 32-bit bank, Intel 0x0089/0x0018 (as QEMU).
        m.Add(0x34000000, 64u << 20, new CfiFlash("versatile.flash", 64u << 20, 256u << 10, 4, log, 0x0089, 0x0018, 0, 0));
    }
}

/// <summary>
/// ARM Versatile/AB: QEMU builds it exactly like the PB ("a subset of the PB peripherals"),
/// only the board id passed to Linux differs (0x25e).
/// </summary>
public sealed class VersatileAb : VersatilePb
{
    public override string Name => "versatileab";
    public override string Description => "ARM Versatile/AB (ARM926EJ-S)";
    public override uint MachineNumber => 0x25E;
}
