using Cloister.Platform.Bus;
using Cloister.Platform.Time;

namespace Cloister.Platform.Devices;

/// <summary>
/// ARM PrimeCell PL031 real-time clock (QEMU hw/rtc/pl031.c): a seconds counter that starts at
/// the host's wall-clock time when the machine is created and then follows virtual time; a
/// match register that raises the interrupt when the counter reaches it.
/// </summary>
public sealed class Pl031Rtc : WordDevice
{
    const uint RegDr = 0x00, RegMr = 0x04, RegLr = 0x08, RegCr = 0x0C, RegImsc = 0x10, RegRis = 0x14,
        RegMis = 0x18, RegIcr = 0x1C;

    static readonly byte[] Id = [0x31, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    readonly VirtualClock clock;
    readonly Logger log;
    readonly ClockEvent alarm;
    readonly uint startSeconds;

    /// <param name="startUnixSeconds">The counter's value at virtual time 0 (host time at start).</param>
    public Pl031Rtc(VirtualClock clock, Logger log, uint startUnixSeconds)
    {
        this.clock = clock;
        this.log = log;
        startSeconds = startUnixSeconds;
        alarm = clock.CreateEvent("pl031", OnAlarm);
        TickOffset = startSeconds;
    }

    public override string Name => "pl031";

    public IrqLine Irq { get; } = new();

    /// <summary>Seconds added to virtual time to give the counter.</summary>
    public uint TickOffset { get; private set; }
    public uint Match { get; private set; }
    public uint Lr { get; private set; }
    public uint Im { get; private set; }
    public uint Is { get; private set; }

    public uint Count => TickOffset + (uint)(clock.NowNs / 1_000_000_000);

    // QEMU's pl031 has no reset handler: the counter keeps its time across a system reset.
    public override void Reset() { }

    void Update() => Irq.Set((Is & Im) != 0);

    void OnAlarm()
    {
        Is = 1;
        Update();
    }

    void SetAlarm()
    {
        uint ticks = Match - Count; // seconds until the match, modulo 2^32
        if (ticks == 0)
        {
            alarm.Cancel();
            OnAlarm();
        }
        else
        {
            long now = clock.NowNs;
            // The counter ticks on whole seconds of virtual time.
            long deadline = (now / 1_000_000_000 + ticks) * 1_000_000_000;
            alarm.Schedule(deadline);
        }
    }

    protected override uint ReadWord(uint offset)
    {
        if (offset >= 0xFE0 && offset < 0x1000) return Id[(offset - 0xFE0) >> 2];
        switch (offset)
        {
            case RegDr: return Count;
            case RegMr: return Match;
            case RegImsc: return Im;
            case RegRis: return Is;
            case RegLr: return Lr;
            case RegCr: return 1; // permanently enabled
            case RegMis: return Is & Im;
            case RegIcr:
                log.GuestError($"pl031: read of write-only register at offset 0x{offset:x}");
                return 0;
            default:
                log.GuestError($"pl031_read: Bad offset 0x{offset:x}");
                return 0;
        }
    }

    protected override void WriteWord(uint offset, uint value)
    {
        switch (offset)
        {
            case RegLr:
                Lr = value; // QEMU 7.2 reads back the last value loaded
                TickOffset += value - Count;
                SetAlarm();
                break;
            case RegMr:
                Match = value;
                SetAlarm();
                break;
            case RegImsc:
                Im = value & 1;
                Update();
                break;
            case RegIcr: // any write clears (the ARM926 documentation's rule, as QEMU)
                Is = 0;
                Update();
                break;
            case RegCr:
                break;
            case RegDr:
            case RegMis:
            case RegRis:
                log.GuestError($"pl031: write to read-only register at offset 0x{offset:x}");
                break;
            default:
                log.GuestError($"pl031_write: Bad offset 0x{offset:x}");
                break;
        }
    }
}
