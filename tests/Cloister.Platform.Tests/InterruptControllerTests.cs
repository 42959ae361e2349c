using Cloister.Platform.Devices;

namespace Cloister.Platform.Tests;

public class InterruptControllerTests
{
    static uint R(Cloister.Platform.Bus.IMmioDevice d, uint off)
    {
        Assert.True(d.Read(off, 4, out uint v));
        return v;
    }

    static void W(Cloister.Platform.Bus.IMmioDevice d, uint off, uint v) => Assert.True(d.Write(off, 4, v));

    static (Pl190Vic Vic, RecordingSink Cpu) NewVic()
    {
        var vic = new Pl190Vic(Logger.None);
        var cpu = new RecordingSink();
        vic.Irq.Connect(cpu, 0);
        vic.Fiq.Connect(cpu, 1);
        return (vic, cpu);
    }

    [Fact]
    public void VicPrimeCellIdIsPl190s()
    {
        var (vic, _) = NewVic();
        uint[] expected = [0x90, 0x11, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
        for (int i = 0; i < 8; i++) Assert.Equal(expected[i], R(vic, 0xFE0 + (uint)i * 4));
    }

    [Fact]
    public void VicRaisesIrqOnlyForEnabledInputs()
    {
        var (vic, cpu) = NewVic();
        vic.SetInput(4, true);
        Assert.False(cpu.Levels[0]);
        Assert.Equal(1u << 4, R(vic, 0x08)); // RAWINTR
        Assert.Equal(0u, R(vic, 0x00));      // IRQSTATUS
        W(vic, 0x10, 1u << 4);               // INTENABLE
        Assert.True(cpu.Levels[0]);
        Assert.Equal(1u << 4, R(vic, 0x00));
        W(vic, 0x14, 1u << 4);               // INTENCLEAR
        Assert.False(cpu.Levels[0]);
        Assert.Equal(0u, R(vic, 0x10));
    }

    [Fact]
    public void VicFiqSelectRoutesToFiqRegardlessOfEnable()
    {
        var (vic, cpu) = NewVic();
        W(vic, 0x0C, 1u << 7); // INTSELECT
        W(vic, 0x10, 1u << 7);
        vic.SetInput(7, true);
        Assert.True(cpu.Levels[1]);
        Assert.False(cpu.Levels[0]);
        Assert.Equal(1u << 7, R(vic, 0x04)); // FIQSTATUS
        Assert.Equal(0u, R(vic, 0x00));
    }

    [Fact]
    public void VicSoftwareInterrupts()
    {
        var (vic, cpu) = NewVic();
        W(vic, 0x10, 1u << 2);
        W(vic, 0x18, 1u << 2); // SOFTINT
        Assert.True(cpu.Levels[0]);
        Assert.Equal(1u << 2, R(vic, 0x18));
        Assert.Equal(1u << 2, R(vic, 0x08));
        W(vic, 0x1C, 1u << 2); // SOFTINTCLEAR
        Assert.False(cpu.Levels[0]);
    }

    [Fact]
    public void VicVectoredPriorityAndDefaultVector()
    {
        var (vic, cpu) = NewVic();
        W(vic, 0x34, 0xDEF0);                // DEFVECTADDR
        W(vic, 0x100, 0x1000);               // VECTADDR0
        W(vic, 0x200, 0x20 | 5);             // VECTCNTL0: enabled, source 5
        W(vic, 0x104, 0x2000);               // VECTADDR1
        W(vic, 0x204, 0x20 | 9);             // VECTCNTL1: source 9
        W(vic, 0x10, (1u << 5) | (1u << 9) | (1u << 12));
        Assert.Equal(0x20u | 5, R(vic, 0x200));

        vic.SetInput(9, true);
        Assert.True(cpu.Levels[0]);
        Assert.Equal(0x2000u, R(vic, 0x30)); // VECTADDR: enter the ISR for slot 1
        Assert.Equal(1, vic.CurrentPriority);
        // Slot 0 (higher priority) still interrupts; slot 1's own source and lower ones do not.
        vic.SetInput(12, true);
        Assert.False(cpu.Levels[0]);
        vic.SetInput(5, true);
        Assert.True(cpu.Levels[0]);
        Assert.Equal(0x1000u, R(vic, 0x30));
        Assert.Equal(0, vic.CurrentPriority);
        Assert.False(cpu.Levels[0]);
        vic.SetInput(5, false);
        W(vic, 0x30, 0);                     // end of slot 0's ISR
        Assert.Equal(1, vic.CurrentPriority);
        vic.SetInput(9, false);
        W(vic, 0x30, 0);                     // end of slot 1's ISR
        Assert.Equal(17, vic.CurrentPriority);
        Assert.True(cpu.Levels[0]);          // input 12 (non-vectored) now gets through
        Assert.Equal(0xDEF0u, R(vic, 0x30));
    }

    [Fact]
    public void VicStatusRegisterWritesAreIgnored()
    {
        var log = new CollectingLog();
        var vic = new Pl190Vic(log.Logger());
        W(vic, 0x00, 0xFFFFFFFF);
        Assert.Empty(log.Lines);
        R(vic, 0x2C);
        Assert.Single(log.Lines);
    }

    static (VersatileSic Sic, Pl190Vic Vic, RecordingSink Cpu) NewSic()
    {
        var (vic, cpu) = NewVic();
        var sic = new VersatileSic(Logger.None);
        sic.ConnectTo(vic);
        return (sic, vic, cpu);
    }

    [Fact]
    public void SicCascadesEnabledInputsOntoVicLine31()
    {
        var (sic, vic, cpu) = NewSic();
        W(vic, 0x10, 1u << 31);
        sic.SetInput(3, true);
        Assert.Equal(1u << 3, R(sic, 0x04)); // RAWSTAT
        Assert.Equal(0u, R(sic, 0x00));      // STATUS
        Assert.False(cpu.Levels[0]);
        W(sic, 0x08, 1u << 3);               // ENSET
        Assert.Equal(1u << 3, R(sic, 0x00));
        Assert.Equal(1u << 3, R(sic, 0x08));
        Assert.True(cpu.Levels[0]);
        Assert.Equal(1u << 31, R(vic, 0x00));
        W(sic, 0x0C, 1u << 3);               // ENCLR
        Assert.False(cpu.Levels[0]);
    }

    [Fact]
    public void SicPassThroughOfLines21To30()
    {
        var (sic, vic, _) = NewSic();
        W(sic, 0x20, 0xFFFFFFFF);            // PICENSET: only bits 21-30 stick
        Assert.Equal(0x7FE00000u, R(sic, 0x20));
        sic.SetInput(25, true);
        Assert.Equal(1u << 25, R(vic, 0x08) & (1u << 25));
        Assert.Equal(0u, R(vic, 0x08) & (1u << 31)); // not enabled in the SIC: no cascade
        W(sic, 0x24, 1u << 25);              // PICENCLR
        sic.SetInput(25, false);
        Assert.Equal(1u << 25, R(vic, 0x08) & (1u << 25)); // the VIC line keeps its last level
        sic.SetInput(26, true);
        Assert.Equal(1u << 26, R(vic, 0x08) & (1u << 26));
    }

    [Fact]
    public void SicSoftIntSetsTheMaskBitAsQemuDoes()
    {
        var (sic, _, _) = NewSic();
        W(sic, 0x10, 1);
        Assert.Equal(1u, R(sic, 0x08) & 1);
        Assert.Equal(0u, R(sic, 0x10)); // reads level & 1
        W(sic, 0x14, 1);
        Assert.Equal(0u, R(sic, 0x08) & 1);
    }
}
