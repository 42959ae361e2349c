namespace Cloister.Platform.Time;

/// <summary>
/// A down-counter clocked at a fixed frequency on virtual time, with QEMU's legacy ptimer rules
/// (hw/core/ptimer.c): counts from <c>delta</c> to 0, fires, and in periodic mode reloads from
/// the limit measured from the previous expiry (no drift); one-shot mode stops at 0.
/// </summary>
public sealed class DownCounter
{
    readonly VirtualClock clock;
    readonly ClockEvent expiry;
    readonly Action trigger;
    readonly Logger log;
    long lastEventNs, nextEventNs;

    public DownCounter(VirtualClock clock, string name, Action trigger, Logger log)
    {
        this.clock = clock;
        this.trigger = trigger;
        this.log = log;
        expiry = clock.CreateEvent(name, Tick);
    }

    public ulong Limit { get; private set; }
    public ulong Delta { get; private set; }
    public long FrequencyHz { get; private set; }
    /// <summary>0 stopped, 1 periodic, 2 one-shot (as ptimer's enabled).</summary>
    public int Enabled { get; private set; }

    long TicksToNs(ulong ticks) =>
        FrequencyHz <= 0 ? long.MaxValue / 4 : (long)(((UInt128)ticks * 1_000_000_000 + (ulong)FrequencyHz - 1) / (ulong)FrequencyHz);

    /// <summary>Current counter value.</summary>
    public ulong Count
    {
        get
        {
            if (Enabled == 0) return Delta;
            long now = clock.NowNs;
            if (now >= nextEventNs) return 0;
            return (ulong)((UInt128)(ulong)(nextEventNs - now) * (ulong)FrequencyHz / 1_000_000_000);
        }
    }

    public void SetFrequency(long hz)
    {
        if (Enabled != 0)
        {
            Delta = Count;
            lastEventNs = clock.NowNs;
            FrequencyHz = hz;
            Reload();
        }
        else
        {
            FrequencyHz = hz;
        }
    }

    public void SetLimit(ulong limit, bool reload)
    {
        Limit = limit;
        if (reload) Delta = limit;
        if (Enabled != 0 && reload)
        {
            lastEventNs = clock.NowNs;
            Reload();
        }
    }

    public void Run(bool oneShot)
    {
        bool wasDisabled = Enabled == 0;
        if (wasDisabled && FrequencyHz <= 0)
        {
            log.GuestError("Timer with period zero, disabling");
            return;
        }
        Enabled = oneShot ? 2 : 1;
        if (wasDisabled)
        {
            lastEventNs = clock.NowNs;
            Reload();
        }
    }

    public void Stop()
    {
        if (Enabled == 0) return;
        Delta = Count;
        expiry.Cancel();
        Enabled = 0;
    }

    /// <summary>Arms the expiry for delta ticks after lastEventNs (ptimer_reload).</summary>
    void Reload()
    {
        if (Delta == 0)
        {
            trigger();
            Delta = Limit;
        }
        if (Delta == 0 || FrequencyHz <= 0)
        {
            log.GuestError("Timer with delta zero, disabling");
            expiry.Cancel();
            Enabled = 0;
            return;
        }
        nextEventNs = lastEventNs + TicksToNs(Delta);
        expiry.Schedule(nextEventNs);
    }

    void Tick()
    {
        trigger();
        if (Enabled == 2)
        {
            Delta = 0;
            Enabled = 0;
        }
        else if (Enabled == 1)
        {
            Delta = Limit;
            lastEventNs = nextEventNs;
            Reload();
        }
    }
}
