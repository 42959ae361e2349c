using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Drivers;
using Cloister.Hypervisor.Events;
using Cloister.Hypervisor.Memory;

namespace Cloister.Hypervisor.Timers;

/// <summary>
/// System time and the one hardware event timer, shared by the guests' single-shot timers
/// (set_timer_op → VIRQ_TIMER) and the scheduler's time slice. Each guest entry publishes the
/// current system time in the vCPU's vcpu_time_info (system_time, under its version seqlock).
/// </summary>
public sealed class TimerService(Sp804Driver timer, MachineMemory machine, EventDelivery delivery)
{
    public const uint VirqTimer = 0;
    const uint TimeInfoOffset = 16, VersionOffset = 0, SystemTimeOffset = 16;

    ulong? armedFor;
    ulong? bootCpuSliceEnd;

    public ulong Now() => timer.NowNs();

    /// <summary>Fires every expired guest timer as VIRQ_TIMER on its vCPU and ends every poll
    /// whose timeout has passed.</summary>
    public void FireExpired(IEnumerable<Domain> domains)
    {
        ulong now = Now();
        foreach (var d in domains)
            foreach (var v in d.Vcpus)
            {
                if (v.PollDeadline is ulong timeout && timeout <= now) v.Wake();
                if (v.TimerDeadline is ulong deadline && deadline <= now)
                {
                    v.TimerDeadline = null;
                    var chn = d.Events.Open.FirstOrDefault(c => c.State == ChannelState.Virq && c.Virq == VirqTimer && c.NotifyVcpu == v.Id);
                    if (chn is not null) delivery.Raise(d, chn);
                }
            }
    }

    /// <summary>CPU 0's slice: the board timer also ends it (the other CPUs use their private
    /// timers). Null when CPU 0 is idle.</summary>
    public void SetBootCpuSlice(ulong? runLimit) => bootCpuSliceEnd = runLimit is ulong limit ? Now() + limit : null;

    /// <summary>Programs the board timer for the earliest of: a guest deadline, the end of CPU 0's
    /// slice (<see cref="SetBootCpuSlice"/>), and <paramref name="wakeAt"/> (the scheduler's next
    /// period, when it has work then).</summary>
    public void Rearm(IEnumerable<Domain> domains, ulong? wakeAt)
    {
        ulong now = Now();
        ulong? next = bootCpuSliceEnd is ulong end ? Math.Min(end, wakeAt ?? ulong.MaxValue) : wakeAt;
        foreach (var d in domains)
            foreach (var v in d.Vcpus)
            {
                if (v.TimerDeadline is ulong deadline && (next is null || deadline < next)) next = deadline;
                if (v.PollDeadline is ulong timeout && (next is null || timeout < next)) next = timeout;
            }
        if (next is null) { armedFor = null; return; }
        if (armedFor == next) return;
        armedFor = next;
        timer.ArmOneShot(next.Value > now ? next.Value - now : 1);
    }

    /// <summary>True while a one-shot deadline is armed (its interrupt will wake the CPU).</summary>
    public bool Armed => armedFor is not null;

    public void Acknowledge()
    {
        armedFor = null;
        timer.Acknowledge();
    }

    /// <summary>Publishes system time in the vCPU's vcpu_info (if it has one).</summary>
    public void PublishTime(Vcpu v)
    {
        uint vcpuInfo = EventDelivery.VcpuInfo(v);
        if (vcpuInfo == 0) return;
        uint info = vcpuInfo + TimeInfoOffset;
        machine.TryRead32(info + VersionOffset, out uint version);
        machine.Write32(info + VersionOffset, version + 1); // odd: update in progress
        ulong now = Now();
        machine.Write32(info + SystemTimeOffset, (uint)now);
        machine.Write32(info + SystemTimeOffset + 4, (uint)(now >> 32));
        machine.Write32(info + VersionOffset, version + 2);
    }
}
