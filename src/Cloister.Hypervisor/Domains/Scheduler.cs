namespace Cloister.Hypervisor.Domains;

/// <summary>
/// A credit scheduler in the spirit of Xen's credit1, on virtual time so it is deterministic.
/// Every accounting period each active domain earns CPU time in proportion to its weight, split
/// among its runnable vCPUs; running spends it. vCPUs with credit left (UNDER) run before those
/// that have overspent (OVER), round-robin within each class. A domain with a cap (percent of
/// one CPU) is parked once it has used that share of the period, until the next one begins.
/// </summary>
public sealed class Scheduler
{
    public const ulong PeriodNs = 30_000_000;
    public const ulong SliceNs = 10_000_000;
    /// <summary>Credit is clipped so an idle domain cannot bank more than a period's worth.</summary>
    const long CreditLimit = (long)PeriodNs;

    readonly List<Vcpu> queue = [];
    Vcpu? running;
    ulong runningSince, periodStart;
    bool started;

    /// <summary>Set by sched_op yield: the current vCPU gives up the CPU at the next decision.</summary>
    public bool YieldRequested { get; set; }

    public void Add(Vcpu vcpu) => queue.Add(vcpu);
    public void Remove(Vcpu vcpu)
    {
        queue.Remove(vcpu);
        if (running == vcpu) running = null;
    }

    public bool HasAny => queue.Count > 0;
    public int RunnableCount => queue.Count(Eligible);
    public ulong PeriodEnd => periodStart + PeriodNs;
    /// <summary>True when some runnable vCPU waits only for the next period (its domain is capped).</summary>
    public bool AnyParked => queue.Any(v => v.Runnable && Parked(v));

    /// <summary>How long <paramref name="v"/> may run before the hypervisor looks again: a slice, or
    /// less when its domain's cap for this period runs out sooner. Even a vCPU alone is
    /// interrupted every slice, so the system time it sees in vcpu_time_info keeps moving.</summary>
    public ulong? RunLimit(Vcpu v, bool othersWaiting)
    {
        ulong? limit = SliceNs;
        if (v.Domain.Cap > 0)
        {
            ulong budget = PeriodNs * (ulong)v.Domain.Cap / 100;
            ulong left = budget > v.Domain.UsedThisPeriod ? budget - v.Domain.UsedThisPeriod : 0;
            limit = Math.Min(limit ?? ulong.MaxValue, Math.Max(left, 1));
        }
        return limit;
    }

    static bool Parked(Vcpu v) => v.Domain.Cap > 0 && v.Domain.UsedThisPeriod >= PeriodNs * (ulong)v.Domain.Cap / 100;

    /// <summary>The vCPU to run after <paramref name="current"/> at time <paramref name="now"/>, or null when none can run.</summary>
    public Vcpu? PickNext(Vcpu? current, ulong now)
    {
        Account(now);
        bool yielded = YieldRequested;
        YieldRequested = false;
        bool anyUnder = queue.Exists(v => Eligible(v) && v.Credit > 0);
        if (current is not null && Eligible(current) && !yielded && (current.Credit > 0 || !anyUnder))
            return Switch(current, now);
        // Round-robin from the vCPU after the current one: the first UNDER, else the first OVER.
        int start = current is null ? 0 : queue.IndexOf(current) + 1;
        Vcpu? firstOver = null;
        for (int i = 0; i < queue.Count; i++)
        {
            var v = queue[(start + i) % queue.Count];
            if (!Eligible(v)) continue;
            if (v.Credit > 0) return Switch(v, now);
            firstOver ??= v;
        }
        return Switch(firstOver, now);
    }

    static bool Eligible(Vcpu v) => v.Runnable && !Parked(v);

    Vcpu? Switch(Vcpu? next, ulong now)
    {
        if (next != running) { running = next; runningSince = now; }
        return next;
    }

    /// <summary>Charges the running vCPU for the time since it was scheduled; starts new periods.</summary>
    void Account(ulong now)
    {
        if (!started)
        {
            // The first period starts with the first decision, with credit already handed out.
            started = true;
            periodStart = now;
            Replenish();
        }
        if (running is not null && now > runningSince)
        {
            ulong spent = now - runningSince;
            running.Credit -= (long)spent;
            running.Domain.UsedThisPeriod += spent;
            running.Domain.CpuTimeNs += spent;
            runningSince = now;
        }
        while (now >= periodStart + PeriodNs)
        {
            periodStart += PeriodNs;
            Replenish();
        }
    }

    void Replenish()
    {
        var active = queue.Where(v => v.Runnable).GroupBy(v => v.Domain).ToList();
        long totalWeight = active.Sum(g => (long)g.Key.Weight);
        foreach (var d in queue.Select(v => v.Domain).Distinct()) d.UsedThisPeriod = 0;
        if (totalWeight == 0) return;
        foreach (var group in active)
        {
            long share = (long)PeriodNs * group.Key.Weight / totalWeight / group.Count();
            foreach (var v in group) v.Credit = Math.Min(v.Credit + share, CreditLimit);
        }
    }
}
