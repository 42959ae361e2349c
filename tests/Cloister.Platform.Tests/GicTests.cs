using Cloister.Platform.Bus;
using Cloister.Platform.Devices.Gic;

namespace Cloister.Platform.Tests;

/// <summary>
/// GIC behaviour stated one rule at a time (GIC spec and QEMU's arm_gic.c); the
/// register-by-register comparison with QEMU itself is GicOracleTests.
/// </summary>
public class GicTests
{
    // Distributor and CPU interface offsets.
    const uint Ctlr = 0x000, Typer = 0x004, SetEnable = 0x100, SetPending = 0x200, Active = 0x300,
        Priority = 0x400, Targets = 0x800, Sgir = 0xF00;
    const uint CpuCtlr = 0x00, Pmr = 0x04, Iar = 0x0C, Eoir = 0x10, Rpr = 0x14, Hppir = 0x18;

    sealed class Rig
    {
        public int Cpu;
        public readonly ArmGic Gic;
        public readonly RecordingSink Cpus = new();

        public Rig(int numCpus = 2, int numIrq = 64, GicRevision revision = GicRevision.Arm11MpCore)
        {
            Gic = new ArmGic("gic", numCpus, numIrq, revision, () => Cpu, Logger.None);
            for (int c = 0; c < numCpus; c++) Gic.Irq[c].Connect(Cpus, c);
        }

        public uint Dist(uint off) => Read(Gic.Distributor, off);
        public void Dist(uint off, uint v) => Assert.True(Gic.Distributor.Write(off, 4, v));
        public uint CpuIf(int cpu, uint off) => Read(Gic.CpuInterface(cpu), off);
        public void CpuIf(int cpu, uint off, uint v) => Assert.True(Gic.CpuInterface(cpu).Write(off, 4, v));

        static uint Read(IMmioDevice d, uint off)
        {
            Assert.True(d.Read(off, 4, out uint v));
            return v;
        }

        /// <summary>Routes SPI <paramref name="irq"/> to the CPUs in <paramref name="targets"/> at
        /// <paramref name="priority"/>, enables it and, optionally, makes it pending.</summary>
        public void Spi(int irq, uint targets, uint priority, bool pend = true)
        {
            Assert.True(Gic.Distributor.Write(Targets + (uint)irq, 1, targets));
            Assert.True(Gic.Distributor.Write(Priority + (uint)irq, 1, priority));
            Dist(SetEnable + (uint)(irq / 32 * 4), 1u << (irq % 32));
            if (pend) Dist(SetPending + (uint)(irq / 32 * 4), 1u << (irq % 32));
        }

        /// <summary>Distributor and both CPU interfaces on, priority mask open.</summary>
        public void EnableAll()
        {
            Dist(Ctlr, 1);
            for (int c = 0; c < Gic.NumCpus; c++)
            {
                CpuIf(c, CpuCtlr, 1);
                CpuIf(c, Pmr, 0xF0);
            }
        }
    }

    [Fact]
    public void EnabledPendingSpiTargetedAtCpu1RaisesOnlyIrq1()
    {
        var rig = new Rig();
        rig.EnableAll();
        rig.Spi(32, 0x02, 0, pend: false);
        rig.Gic.SetInput(0, true); // input 0 = interrupt 32
        Assert.False(rig.Cpus.Levels[0]);
        Assert.True(rig.Cpus.Levels[1]);
        Assert.Equal(1023u, rig.CpuIf(0, Hppir));
        Assert.Equal(32u, rig.CpuIf(1, Hppir));
    }

    [Fact]
    public void AcknowledgeActivatesAndEndOfInterruptDrops()
    {
        var rig = new Rig();
        rig.EnableAll();
        rig.Spi(32, 0x01, 0x80);
        Assert.True(rig.Cpus.Levels[0]);

        Assert.Equal(32u, rig.CpuIf(0, Iar));
        Assert.False(rig.Cpus.Levels[0]);
        Assert.Equal(1u, rig.Dist(Active + 4));
        Assert.Equal(0u, rig.Dist(SetPending + 4));
        Assert.Equal(0x80u, rig.CpuIf(0, Rpr));
        Assert.Equal(1023u, rig.CpuIf(0, Iar)); // nothing else pending

        rig.CpuIf(0, Eoir, 32);
        Assert.Equal(0u, rig.Dist(Active + 4));
        Assert.Equal(0u, rig.CpuIf(0, Rpr)); // idle 0x100 read as a byte on the 11MPCore
    }

    [Fact]
    public void PriorityMaskHoldsBackInterruptsAtOrBelowIt()
    {
        var rig = new Rig();
        rig.EnableAll();
        rig.Spi(32, 0x01, 0xA0);
        rig.CpuIf(0, Pmr, 0xA0);
        Assert.False(rig.Cpus.Levels[0]);
        Assert.Equal(1023u, rig.CpuIf(0, Iar));
        rig.CpuIf(0, Pmr, 0xB0);
        Assert.True(rig.Cpus.Levels[0]);
        Assert.Equal(32u, rig.CpuIf(0, Iar));
    }

    [Fact]
    public void HigherPriorityInterruptPreemptsTheRunningOne()
    {
        var rig = new Rig();
        rig.EnableAll();
        rig.Spi(32, 0x01, 0xA0);
        rig.Spi(33, 0x01, 0x40, pend: false);
        Assert.Equal(32u, rig.CpuIf(0, Iar));
        rig.Dist(SetPending + 4, 2);
        Assert.True(rig.Cpus.Levels[0]);
        Assert.Equal(33u, rig.CpuIf(0, Iar));
        Assert.Equal(0x40u, rig.CpuIf(0, Rpr));
        rig.CpuIf(0, Eoir, 33);
        Assert.Equal(0xA0u, rig.CpuIf(0, Rpr)); // back to the interrupted priority
    }

    [Fact]
    public void SgiTargetListFilterReachesOnlyTheListedCpus()
    {
        var rig = new Rig();
        rig.EnableAll();
        rig.Cpu = 0;
        rig.Dist(Sgir, (0u << 24) | (0x02u << 16) | 3); // filter 0: target list = CPU 1
        Assert.False(rig.Cpus.Levels[0]);
        Assert.True(rig.Cpus.Levels[1]);
        rig.Cpu = 1;
        Assert.Equal(1u << 3, rig.Dist(SetPending)); // banked: CPU 1 sees SGI 3 pending
        Assert.Equal(3u, rig.CpuIf(1, Iar));         // no source ID on the 11MPCore
        rig.Cpu = 0;
        Assert.Equal(0u, rig.Dist(SetPending));
    }

    [Fact]
    public void SgiFiltersOthersAndSelf()
    {
        var rig = new Rig();
        rig.EnableAll();
        rig.Cpu = 1;
        rig.Dist(Sgir, (1u << 24) | 5); // all but the sender
        Assert.True(rig.Cpus.Levels[0]);
        Assert.False(rig.Cpus.Levels[1]);
        rig.Dist(Sgir, (2u << 24) | 6); // the sender only
        Assert.True(rig.Cpus.Levels[1]);
        Assert.Equal(5u, rig.CpuIf(0, Iar));
        Assert.Equal(6u, rig.CpuIf(1, Iar));
    }

    [Fact]
    public void GicV1SgiAcknowledgeReportsTheSourceCpu()
    {
        var rig = new Rig(revision: GicRevision.V1);
        rig.EnableAll();
        rig.Cpu = 1;
        rig.Dist(Sgir, (0x01u << 16) | 2);
        Assert.Equal(2u | (1u << 10), rig.CpuIf(0, Iar));
    }

    [Fact]
    public void PrivateInterruptRegistersAreBankedPerCpu()
    {
        var rig = new Rig();
        rig.Cpu = 0;
        rig.Dist(Priority + 28, 0x40302010);
        rig.Dist(SetEnable, 1u << 29);
        rig.Cpu = 1;
        Assert.Equal(0u, rig.Dist(Priority + 28));
        Assert.Equal(0xFFFFu, rig.Dist(SetEnable)); // only the SGIs, always enabled
        rig.Cpu = 0;
        Assert.Equal(0x40302010u, rig.Dist(Priority + 28));
        Assert.Equal(0xFFFFu | (1u << 29), rig.Dist(SetEnable));
    }

    [Fact]
    public void CurrentCpuWindowFollowsTheAccessingCpu()
    {
        var rig = new Rig();
        rig.CpuIf(1, Pmr, 0x80);
        rig.Cpu = 1;
        Assert.True(rig.Gic.CpuInterfaceOfCurrent.Read(Pmr, 4, out uint v));
        Assert.Equal(0x80u, v);
        rig.Cpu = 0;
        Assert.True(rig.Gic.CpuInterfaceOfCurrent.Read(Pmr, 4, out v));
        Assert.Equal(0xF0u, v);
    }

    [Fact]
    public void PrivateInputLinesFollowQemuNumbering()
    {
        var rig = new Rig();
        rig.EnableAll();
        rig.Cpu = 1;
        rig.Dist(SetEnable, 1u << 29);
        rig.Gic.SetInput(64 - 32 + 1 * 32 + 29, true); // CPU 1's PPI 29
        Assert.True(rig.Cpus.Levels[1]);
        Assert.False(rig.Cpus.Levels[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Gic.SetInput(64 - 32 + 3, true)); // an SGI is no input
    }

    [Fact]
    public void Arm11MpCoreLatchesLevelInputsAndRependsThemAtEoiWhileHigh()
    {
        var rig = new Rig();
        rig.EnableAll();
        rig.Spi(32, 0x01, 0, pend: false);
        rig.Gic.SetInput(0, true);
        Assert.Equal(32u, rig.CpuIf(0, Iar));
        Assert.Equal(0u, rig.Dist(SetPending + 4)); // cleared at acknowledge
        rig.CpuIf(0, Eoir, 32);
        Assert.Equal(1u, rig.Dist(SetPending + 4)); // line still high
        rig.Gic.SetInput(0, false);
        Assert.Equal(1u, rig.Dist(SetPending + 4)); // latched
    }

    [Fact]
    public void GicV1LevelInputIsPendingOnlyWhileHigh()
    {
        var rig = new Rig(numCpus: 1, numIrq: 96, revision: GicRevision.V1);
        rig.Gic.SetInput(4, true);
        Assert.Equal(1u << 4, rig.Dist(SetPending + 4));
        rig.Gic.SetInput(4, false);
        Assert.Equal(0u, rig.Dist(SetPending + 4));
    }

    [Fact]
    public void ResetValues()
    {
        var mp = new Rig();
        Assert.Equal(0x21u, mp.Dist(Typer));          // 64 interrupts, 2 CPUs
        Assert.Equal(0xFFFFu, mp.Dist(SetEnable));    // SGIs enabled
        Assert.Equal(0xAAAAAAAAu, mp.Dist(0xC00));    // SGIs edge-triggered
        Assert.Equal(0xF0u, mp.CpuIf(0, Pmr));        // the 11MPCore's mask resets to 0xF0
        Assert.Equal(1023u, mp.CpuIf(0, Iar));
        var board = new Rig(numCpus: 1, numIrq: 96, revision: GicRevision.V1);
        Assert.Equal(0x02u, board.Dist(Typer));
        Assert.Equal(0u, board.CpuIf(0, Pmr));
        Assert.Equal(0xFFu, board.CpuIf(0, Rpr));     // idle
        Assert.Equal(0x0001043Bu, board.CpuIf(0, 0xFC));
    }

    [Fact]
    public void OnlyTheDistributorWindowResetsTheGic()
    {
        var rig = new Rig();
        rig.EnableAll();
        rig.Spi(32, 0x01, 0);
        Assert.True(rig.Cpus.Levels[0]);

        rig.Gic.CpuInterface(0).Reset();
        rig.Gic.CpuInterfaceOfCurrent.Reset();
        Assert.Equal(1u, rig.Dist(Ctlr));
        Assert.True(rig.Cpus.Levels[0]);

        rig.Gic.Distributor.Reset();
        Assert.Equal(0u, rig.Dist(Ctlr));
        Assert.Equal(0u, rig.Dist(SetEnable + 4));
        Assert.Equal(0u, rig.Dist(SetPending + 4));
        Assert.Equal(0u, rig.CpuIf(0, CpuCtlr));
        Assert.False(rig.Cpus.Levels[0]);
    }
}
