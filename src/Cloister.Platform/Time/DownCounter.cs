namespace Cloister.Platform.Time;

/// <summary>
/// A down-counter on virtual time with QEMU 7.2's ptimer rules (hw/core/ptimer.c): counts from
/// <c>delta</c> to 0, fires, and in periodic mode reloads from the limit measured from the
/// previous expiry (no drift); one-shot mode stops at 0. A <see cref="PtimerPolicy"/> changes
/// what happens at 0, as the device asks. Clocked by a frequency (Hz) or a period (ns per tick).
/// Every call acts at once, which gives the same result as QEMU's one-call transactions.
/// QEMU's 10 µs floor on periodic timers without -icount is not applied: time here is icount.
/// </summary>
public sealed class DownCounter
{
    const int DeltaAdjust = 1, DeltaNoAdjust = -1, WriteReload = 0;

    readonly VirtualClock clock;
    readonly ClockEvent expiry;
    readonly Action trigger;
    readonly Logger log;
    readonly PtimerPolicy policy;
    long lastEventNs, nextEventNs;

    public DownCounter(VirtualClock clock, string name, Action trigger, Logger log, PtimerPolicy policy = PtimerPolicy.Legacy)
    {
        this.clock = clock;
        this.trigger = trigger;
        this.log = log;
        this.policy = policy;
        expiry = clock.CreateEvent(name, Tick);
    }

    public ulong Limit { get; private set; }
    public ulong Delta { get; private set; }
    /// <summary>Ticks per second when clocked by frequency; 0 when clocked by <see cref="PeriodNs"/>.</summary>
    public long FrequencyHz { get; private set; }
    /// <summary>Nanoseconds per tick when clocked by period; 0 when clocked by frequency.</summary>
    public long PeriodNs { get; private set; }
    /// <summary>0 stopped, 1 periodic, 2 one-shot (as ptimer's enabled).</summary>
    public int Enabled { get; private set; }

    bool Has(PtimerPolicy p) => (policy & p) != 0;

    bool HasPeriod => PeriodNs > 0 || FrequencyHz > 0;

    long TicksToNs(ulong ticks)
    {
        if (PeriodNs > 0) return (long)(ticks * (ulong)PeriodNs);
        return FrequencyHz <= 0 ? long.MaxValue / 4 : (long)(((UInt128)ticks * 1_000_000_000 + (ulong)FrequencyHz - 1) / (ulong)FrequencyHz);
    }

    ulong NsToTicks(long ns) => PeriodNs > 0
        ? (ulong)ns / (ulong)PeriodNs
        : (ulong)((UInt128)(ulong)ns * (ulong)FrequencyHz / 1_000_000_000);

    /// <summary>Current counter value (ptimer_get_count).</summary>
    public ulong Count
    {
        get
        {
            if (Enabled == 0 || Delta == 0) return Delta;
            long now = clock.NowNs;
            ulong counter;
            if (now >= nextEventNs)
            {
                counter = 0; // due but not yet fired: never underflow
            }
            else
            {
                counter = NsToTicks(nextEventNs - now);
                // The extra period a wrapping counter spends at 0 was added to the delta;
                // while it runs, the counter shows 0.
                if (Has(PtimerPolicy.WrapAfterOnePeriod) && Enabled == 1 && Delta == Limit)
                {
                    if (now == lastEventNs ? counter == Limit + 1 : counter == Limit) return 0;
                }
            }
            if (Has(PtimerPolicy.NoCounterRoundDown) && now != lastEventNs) counter++;
            return counter;
        }
    }

    public void SetFrequency(long hz)
    {
        Delta = Count;
        FrequencyHz = hz;
        PeriodNs = 0;
        if (Enabled != 0) ReloadNow();
    }

    public void SetPeriodNs(long ns)
    {
        Delta = Count;
        PeriodNs = ns;
        FrequencyHz = 0;
        if (Enabled != 0) ReloadNow();
    }

    public void SetLimit(ulong limit, bool reload)
    {
        Limit = limit;
        if (reload) Delta = limit;
        if (Enabled != 0 && reload) ReloadNow();
    }

    public void SetCount(ulong count)
    {
        Delta = count;
        if (Enabled != 0) ReloadNow();
    }

    public void Run(bool oneShot)
    {
        bool wasDisabled = Enabled == 0;
        if (wasDisabled && !HasPeriod)
        {
            log.GuestError("Timer with period zero, disabling");
            return;
        }
        Enabled = oneShot ? 2 : 1;
        if (wasDisabled) ReloadNow();
    }

    public void Stop()
    {
        if (Enabled == 0) return;
        Delta = Count;
        expiry.Cancel();
        Enabled = 0;
    }

    /// <summary>A reload caused by a write or a start: counted from now.</summary>
    void ReloadNow()
    {
        nextEventNs = clock.NowNs;
        Reload(WriteReload);
    }

    /// <summary>Arms the expiry for delta ticks after the previous event (ptimer_reload);
    /// <paramref name="adjust"/> is 0 for writes, DeltaAdjust or DeltaNoAdjust for expiries.</summary>
    void Reload(int adjust)
    {
        bool suppress = adjust == WriteReload && Has(PtimerPolicy.TriggerOnlyOnDecrement);
        if (Delta == 0 && !Has(PtimerPolicy.NoImmediateTrigger) && !suppress) trigger();

        // the trigger may have changed the state: read it only now
        ulong delta = Delta;
        if (delta == 0 && !Has(PtimerPolicy.NoImmediateReload)) delta = Delta = Limit;

        if (!HasPeriod)
        {
            log.GuestError("Timer with period zero, disabling");
            expiry.Cancel();
            Enabled = 0;
            return;
        }
        if (Has(PtimerPolicy.WrapAfterOnePeriod) && adjust != DeltaNoAdjust) delta += (ulong)adjust;
        if (delta == 0 && Has(PtimerPolicy.ContinuousTrigger) && Enabled == 1 && Limit == 0) delta = 1;
        if (delta == 0 && Has(PtimerPolicy.NoImmediateTrigger) && adjust != DeltaNoAdjust) delta = 1;
        if (delta == 0 && Has(PtimerPolicy.NoImmediateReload) && Enabled == 1 && Limit != 0) delta = 1;
        if (delta == 0)
        {
            if (Enabled == 0) return; // the trigger stopped it already
            log.GuestError("Timer with delta zero, disabling");
            expiry.Cancel();
            Enabled = 0;
            return;
        }
        lastEventNs = nextEventNs;
        nextEventNs = lastEventNs + TicksToNs(delta);
        expiry.Schedule(nextEventNs);
    }

    void Tick()
    {
        bool fire = true;
        if (Enabled == 2)
        {
            Delta = 0;
            Enabled = 0;
        }
        else if (Enabled == 1)
        {
            // delta 0 here means a deferred reload (no immediate reload): not a countdown
            int adjust = Delta == 0 || Limit == 0 ? DeltaNoAdjust : DeltaAdjust;
            if (!Has(PtimerPolicy.NoImmediateTrigger)) fire = adjust == DeltaAdjust;
            Delta = Limit;
            Reload(adjust);
        }
        if (fire) trigger();
    }
}
