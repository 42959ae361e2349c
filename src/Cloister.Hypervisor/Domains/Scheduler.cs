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

    const int MaxPhysicalCpus = 4;
    readonly List<Vcpu> queue = [];
    readonly Vcpu?[] running = new Vcpu?[MaxPhysicalCpus];
    readonly ulong[] runningSince = new ulong[MaxPhysicalCpus];
    ulong periodStart;
    bool started;

    public void Add(Vcpu vcpu) => queue.Add(vcpu);
    public void Remove(Vcpu vcpu)
    {
        queue.Remove(vcpu);
        for (int p = 0; p < MaxPhysicalCpus; p++)
            if (running[p] == vcpu) running[p] = null;
        vcpu.RunningOn = -1;
    }

    /// <summary>True when a vCPU that may run on <paramref name="pcpu"/> could run but no physical CPU
    /// runs it (that CPU, if idle, should take it).</summary>
    public bool AnyWaitingFor(int pcpu) => queue.Exists(v => Eligible(v) && v.RunningOn < 0 && v.MayRunOn(pcpu));

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

    /// <summary>The vCPU physical CPU <paramref name="pcpu"/> runs after <paramref name="current"/>
    /// at time <paramref name="now"/>, or null when none can run there.</summary>
    /// <summary>A domain's CPU time up to <paramref name="now"/>, with the time its vCPUs have been on a
    /// CPU since they were last charged (Xen's getdomaininfo counts the running time too).</summary>
    public ulong CpuTimeNs(Domain d, ulong now)
    {
        ulong total = d.CpuTimeNs;
        for (int p = 0; p < MaxPhysicalCpus; p++)
            if (running[p] is { } v && v.Domain == d && now > runningSince[p]) total += now - runningSince[p];
        return total;
    }

    public Vcpu? PickNext(int pcpu, Vcpu? current, ulong now)
    {
        Account(now);
        bool yielded = current is { YieldRequested: true };
        if (current is not null) current.YieldRequested = false;
        bool Free(Vcpu v) => Eligible(v) && v.MayRunOn(pcpu) && (v.RunningOn < 0 || v.RunningOn == pcpu);
        bool anyUnder = queue.Exists(v => Free(v) && v != current && v.Credit > 0);
        if (current is not null && Free(current) && !yielded && (current.Credit > 0 || !anyUnder))
            return Switch(pcpu, current, now);
        // Round-robin from the vCPU after the current one: the first UNDER, else the first OVER.
        int start = current is null ? 0 : queue.IndexOf(current) + 1;
        Vcpu? firstOver = null;
        for (int i = 0; i < queue.Count; i++)
        {
            var v = queue[(start + i) % queue.Count];
            if (!Free(v)) continue;
            if (v.Credit > 0) return Switch(pcpu, v, now);
            firstOver ??= v;
        }
        return Switch(pcpu, firstOver, now);
    }

    static bool Eligible(Vcpu v) => v.Runnable && !Parked(v);

    Vcpu? Switch(int pcpu, Vcpu? next, ulong now)
    {
        if (next != running[pcpu])
        {
            if (running[pcpu] is { } previous) previous.RunningOn = -1;
            running[pcpu] = next;
            runningSince[pcpu] = now;
            if (next is not null) next.RunningOn = pcpu;
        }
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
        for (int p = 0; p < MaxPhysicalCpus; p++)
        {
            if (running[p] is not { } v || now <= runningSince[p]) continue;
            ulong spent = now - runningSince[p];
            v.Credit -= (long)spent;
            v.Domain.UsedThisPeriod += spent;
            v.Domain.CpuTimeNs += spent;
            runningSince[p] = now;
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
