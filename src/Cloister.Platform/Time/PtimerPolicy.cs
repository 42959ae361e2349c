namespace Cloister.Platform.Time;

/// <summary>
/// QEMU's PTIMER_POLICY_* bits (include/hw/ptimer.h, same values): how a
/// <see cref="DownCounter"/> departs from the legacy rules at zero and when counting.
/// </summary>
[Flags]
public enum PtimerPolicy
{
    /// <summary>The legacy rules: a zero delta fires and reloads at once.</summary>
    Legacy = 0,
    /// <summary>A periodic counter stays at 0 for one period before it wraps to the limit.</summary>
    WrapAfterOnePeriod = 1 << 0,
    /// <summary>A periodic counter with limit 0 keeps firing once a period instead of stopping.</summary>
    ContinuousTrigger = 1 << 1,
    /// <summary>Starting or writing the counter at 0 does not fire at once.</summary>
    NoImmediateTrigger = 1 << 2,
    /// <summary>Starting or writing the counter at 0 does not reload it from the limit at once.</summary>
    NoImmediateReload = 1 << 3,
    /// <summary>The counter reads rounded up: it shows the tick in progress, not the finished ones.</summary>
    NoCounterRoundDown = 1 << 4,
    /// <summary>Only counting down to 0 fires; writing 0 does not.</summary>
    TriggerOnlyOnDecrement = 1 << 5,
}
