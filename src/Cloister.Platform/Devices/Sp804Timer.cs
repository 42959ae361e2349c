using Cloister.Platform.Bus;
using Cloister.Platform.Time;

namespace Cloister.Platform.Devices;

/// <summary>
/// One timer of an SP804 (QEMU's arm_timer_state in hw/timer/arm_timer.c): free-running,
/// periodic or one-shot, 16 or 32 bit, prescale 1/16/256, interrupt status and clear.
/// </summary>
public sealed class ArmTimer
{
    public const uint CtrlOneShot = 1 << 0, Ctrl32Bit = 1 << 1, CtrlIe = 1 << 5, CtrlPeriodic = 1 << 6, CtrlEnable = 1 << 7;

    readonly DownCounter counter;
    readonly long baseFrequency;
    readonly Logger log;
    readonly string name;

    public ArmTimer(VirtualClock clock, long frequencyHz, string name, Logger log)
    {
        baseFrequency = frequencyHz;
        this.log = log;
        this.name = name;
        counter = new DownCounter(clock, name, OnExpiry, log);
        Reset();
    }

    public IrqLine Irq { get; } = new();
    public uint Control { get; private set; }
    public uint Load { get; private set; }
    public bool IntLevel { get; private set; }
    public uint Value => (uint)counter.Count;

    public void Reset()
    {
        counter.Stop();
        Control = CtrlIe;
        Load = 0;
        IntLevel = false;
        counter.SetLimit(0, true);
        counter.SetFrequency(baseFrequency);
        Update();
    }

    void OnExpiry()
    {
        IntLevel = true;
        Update();
    }

    void Update() => Irq.Set(IntLevel && (Control & CtrlIe) != 0);

    void Recalibrate(bool reload)
    {
        ulong limit = (Control & (CtrlPeriodic | CtrlOneShot)) == 0
            ? ((Control & Ctrl32Bit) != 0 ? 0xFFFFFFFFul : 0xFFFFul) // free running
            : Load;
        counter.SetLimit(limit, reload);
    }

    public uint Read(uint offset)
    {
        switch (offset >> 2)
        {
            case 0: case 6: return Load;            // TimerLoad, TimerBGLoad
            case 1: return Value;                    // TimerValue
            case 2: return Control;                  // TimerControl
            case 4: return IntLevel ? 1u : 0u;       // TimerRIS
            case 5: return (Control & CtrlIe) != 0 && IntLevel ? 1u : 0u; // TimerMIS
            default:
                log.GuestError($"arm_timer_read: Bad offset {offset:x}");
                return 0;
        }
    }

    public void Write(uint offset, uint value)
    {
        switch (offset >> 2)
        {
            case 0: // TimerLoad
                Load = value;
                Recalibrate(true);
                break;
            case 1: // TimerValue is read-only; Linux writes it anyway
                break;
            case 2: // TimerControl
                if ((Control & CtrlEnable) != 0) counter.Stop();
                Control = value;
                long freq = baseFrequency;
                switch ((value >> 2) & 3)
                {
                    case 1: freq >>= 4; break;
                    case 2: freq >>= 8; break;
                }
                Recalibrate((Control & CtrlEnable) != 0);
                counter.SetFrequency(freq);
                if ((Control & CtrlEnable) != 0) counter.Run((Control & CtrlOneShot) != 0);
                break;
            case 3: // TimerIntClr
                IntLevel = false;
                break;
            case 6: // TimerBGLoad
                Load = value;
                Recalibrate(false);
                break;
            default:
                log.GuestError($"arm_timer_write: Bad offset {offset:x}");
                break;
        }
        Update();
    }
}

/// <summary>
/// ARM SP804 dual timer (QEMU's sp804): two <see cref="ArmTimer"/>s at 0x00 and 0x20 whose
/// interrupts are ORed onto one line; both clocked at 1 MHz on Versatile/PB.
/// </summary>
public sealed class Sp804Timer : WordDevice, IIrqSink
{
    static readonly byte[] Ids = [0x04, 0x18, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    readonly Logger log;
    readonly bool[] level = new bool[2];

    public Sp804Timer(VirtualClock clock, Logger log, long freq0 = 1_000_000, long freq1 = 1_000_000, string name = "sp804")
    {
        this.log = log;
        Timers = [new ArmTimer(clock, freq0, name + ".0", log), new ArmTimer(clock, freq1, name + ".1", log)];
        Timers[0].Irq.Connect(this, 0);
        Timers[1].Irq.Connect(this, 1);
    }

    public override string Name => "sp804";

    public ArmTimer[] Timers { get; }

    public IrqLine Irq { get; } = new();

    public void SetInput(int line, bool lvl)
    {
        level[line] = lvl;
        Irq.Set(level[0] || level[1]);
    }

    public override void Reset()
    {
        Timers[0].Reset();
        Timers[1].Reset();
    }

    protected override uint ReadWord(uint offset)
    {
        if (offset < 0x20) return Timers[0].Read(offset);
        if (offset < 0x40) return Timers[1].Read(offset - 0x20);
        if (offset >= 0xFE0 && offset <= 0xFFC) return Ids[(offset - 0xFE0) >> 2];
        if (offset is 0xF00 or 0xF04)
        {
            log.Unimplemented("sp804_read: integration test registers unimplemented");
            return 0;
        }
        log.GuestError($"sp804_read: Bad offset {offset:x}");
        return 0;
    }

    protected override void WriteWord(uint offset, uint value)
    {
        if (offset < 0x20) { Timers[0].Write(offset, value); return; }
        if (offset < 0x40) { Timers[1].Write(offset - 0x20, value); return; }
        if (offset is 0xF00 or 0xF04)
        {
            log.Unimplemented("sp804_write: integration test registers unimplemented");
            return;
        }
        log.GuestError($"sp804_write: Bad offset {offset:x}");
    }
}
