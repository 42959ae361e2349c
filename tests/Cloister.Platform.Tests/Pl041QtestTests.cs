using Cloister.Platform.Bus;
using Cloister.Platform.Devices;

namespace Cloister.Platform.Tests;

/// <summary>
/// Replays Oracle/pl041-qtest.cmds (Linux aaci.c's probe, the codec's registers through the
/// AC-link slots, FIFO sizing, interrupt status, a short playback) against the PL041 model and
/// compares every answer with QEMU's versatilepb, recorded by Oracle/make-pl041-qtest.py.
/// </summary>
public class Pl041QtestTests
{
    const uint Base = 0x10004000;

    [Fact]
    public void RegisterAccessesAnswerAsQemu()
    {
        using var bus = new PhysicalBus(0, 1 << 16);
        var aaci = new Pl041Aaci(512);
        bus.Map(Base, 0x1000, aaci);
        var irqs = new QtestIrqRecorder();
        aaci.Irq.Connect(irqs, 24); // the SIC input QEMU's versatilepb wires it to
        QtestReplay.Run(bus, "pl041-qtest.cmds", "pl041-qtest.out", irqs);
    }

    [Fact]
    public void WithoutAudioOutputPlaybackNeverFillsTheFifo()
    {
        // Cloister's documented choice: the codec's buffer is taken as soon as it is full, so
        // a guest can write any number of samples (QEMU's "none" backend stops taking them
        // after about 3000 at virtual time 0; see docs/platform.md).
        var aaci = new Pl041Aaci(512);
        aaci.Write(0x78, 4, 0x79);
        aaci.Write(0x04, 4, (1u << 16) | (1 << 4) | (1 << 3) | 1);
        for (int i = 0; i < 10000; i++)
        {
            aaci.Write(0x90, 4, (uint)i);
            Assert.True(aaci.Read(0x08, 4, out uint sr) && (sr & 0x20) == 0, $"TXFF after {i + 1} samples");
        }
        Assert.Equal(10000 / 2 / 512 * 512, aaci.Codec.FramesPlayed);
    }

    // QEMU's pl041 refuses to realize with depth 16 (its PERIPHID3 code would read as 8).
    [Fact]
    public void RejectsAFifoDepthQemuRejects() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pl041Aaci(16));
}
