namespace Cloister.Platform.Time;

/// <summary>
/// Virtual time, derived from retired instructions (QEMU's -icount): each instruction takes
/// 2^shift ns; time spent idle in wait-for-interrupt is skipped up to the next event and added
/// on. Devices schedule <see cref="ClockEvent"/>s; the run loop asks how many instructions
/// may run before the next one is due and fires the due ones.
/// </summary>
public sealed class VirtualClock
{
    readonly Func<long> instructions;
    readonly List<ClockEvent> pending = [];
    long idleNs;

    /// <param name="instructions">Instructions retired so far (the CPU's Executed counter).</param>
    /// <param name="shift">Each instruction is 2^shift ns.</param>
    public VirtualClock(Func<long> instructions, int shift = 0)
    {
        if (shift is < 0 or > 20) throw new ArgumentOutOfRangeException(nameof(shift));
        this.instructions = instructions;
        Shift = shift;
    }

    public int Shift { get; }

    /// <summary>Called when a newly scheduled event becomes the earliest one, so a running CPU can
    /// stop early enough to meet it (the machine points it at RequestExit).</summary>
    public Action? EarliestDeadlineChanged { get; set; }

    /// <summary>Virtual time in nanoseconds since the machine was created.</summary>
    public long NowNs => (instructions() << Shift) + idleNs;

    /// <summary>Deadline of the earliest pending event, or null.</summary>
    public long? NextDeadline => pending.Count == 0 ? null : pending[0].Deadline;

    public ClockEvent CreateEvent(string name, Action callback) => new(this, name, callback);

    /// <summary>Instructions that may execute before the next event is due (at least 1), or
    /// <paramref name="cap"/> when nothing is pending sooner.</summary>
    public long InstructionsUntilNextEvent(long cap)
    {
        if (pending.Count == 0) return cap;
        long delta = pending[0].Deadline - NowNs;
        if (delta <= 0) return 1;
        long n = ((delta - 1) >> Shift) + 1; // round up: the event is due once its deadline is reached
        return Math.Clamp(n, 1, cap);
    }

    /// <summary>Idle skip: moves time forward to <paramref name="targetNs"/> (never backward).</summary>
    public void AdvanceTo(long targetNs)
    {
        long now = NowNs;
        if (targetNs > now) idleNs += targetNs - now;
    }

    /// <summary>Fires every event whose deadline has passed, earliest first; returns how many.</summary>
    public int RunDueEvents()
    {
        int fired = 0;
        while (pending.Count > 0)
        {
            long now = NowNs;
            var e = pending[0];
            if (e.Deadline > now) break;
            pending.RemoveAt(0);
            e.IsScheduled = false;
            e.Callback();
            fired++;
        }
        return fired;
    }

    internal void Insert(ClockEvent e)
    {
        int i = pending.Count;
        while (i > 0 && pending[i - 1].Deadline > e.Deadline) i--;
        pending.Insert(i, e);
        if (i == 0) EarliestDeadlineChanged?.Invoke();
    }

    internal void Remove(ClockEvent e) => pending.Remove(e);
}

/// <summary>A timer callback at a point of virtual time (QEMU's QEMUTimer on the virtual clock).</summary>
public sealed class ClockEvent
{
    readonly VirtualClock clock;

    internal ClockEvent(VirtualClock clock, string name, Action callback)
    {
        this.clock = clock;
        Name = name;
        Callback = callback;
    }

    public string Name { get; }
    internal Action Callback { get; }
    public long Deadline { get; private set; }
    public bool IsScheduled { get; internal set; }

    /// <summary>(Re)arms the event for <paramref name="deadlineNs"/> of virtual time.</summary>
    public void Schedule(long deadlineNs)
    {
        if (IsScheduled) clock.Remove(this);
        Deadline = deadlineNs;
        IsScheduled = true;
        clock.Insert(this);
    }

    public void Cancel()
    {
        if (!IsScheduled) return;
        clock.Remove(this);
        IsScheduled = false;
    }
}
