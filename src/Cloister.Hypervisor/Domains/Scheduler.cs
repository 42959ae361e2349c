namespace Cloister.Hypervisor.Domains;

/// <summary>
/// Picks the next vCPU to run on the physical CPU: round-robin over runnable vCPUs, in domain
/// and vCPU order, so runs are deterministic. (The credit scheduler with weights and caps
/// replaces this in a later step; the interface stays.)
/// </summary>
public sealed class Scheduler
{
    readonly List<Vcpu> queue = [];

    /// <summary>Set by sched_op yield: the current vCPU gives up the CPU at the next decision.</summary>
    public bool YieldRequested { get; set; }

    public void Add(Vcpu vcpu) => queue.Add(vcpu);
    public void Remove(Vcpu vcpu) => queue.Remove(vcpu);

    /// <summary>The vCPU to run after <paramref name="current"/>, or null when none can run.</summary>
    public Vcpu? PickNext(Vcpu? current)
    {
        bool yielded = YieldRequested;
        YieldRequested = false;
        if (current is { Runnable: true } && !yielded) return current;
        int start = current is null ? 0 : queue.IndexOf(current) + 1;
        for (int i = 0; i < queue.Count; i++)
        {
            var v = queue[(start + i) % queue.Count];
            if (v.Runnable) return v;
        }
        return current is { Runnable: true } ? current : null;
    }

    public bool HasAny => queue.Count > 0;
    public int RunnableCount => queue.Count(v => v.Runnable);
}
