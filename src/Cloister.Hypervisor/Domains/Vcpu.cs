namespace Cloister.Hypervisor.Domains;

/// <summary>A virtual CPU: the guest's user-mode register state while it is not running.</summary>
public sealed class Vcpu(Domain domain, int id)
{
    public Domain Domain { get; } = domain;
    public int Id { get; } = id;
    /// <summary>r0–r14 as the guest (USR mode) sees them.</summary>
    public uint[] Registers { get; } = new uint[15];
    public uint Pc { get; set; }
    /// <summary>The guest's CPSR: always USR mode; flags are the guest's.</summary>
    public uint Cpsr { get; set; } = 0x10;
    public bool Online { get; set; } = true;
    /// <summary>True once VCPUOP_initialise gave it a starting context (vCPU 0 starts at the entry point).</summary>
    public bool Initialised { get; set; }
    public bool Blocked { get; set; }
    /// <summary>Blocked in sched_op poll: woken by a polled port becoming pending, an upcall for
    /// this vCPU, or <see cref="PollDeadline"/>.</summary>
    public bool Polling { get; private set; }
    /// <summary>The one port polled, or null when it polls several (any new event then wakes it).</summary>
    public uint? PollPort { get; private set; }
    /// <summary>The poll's timeout in system-time nanoseconds; null when it has none.</summary>
    public ulong? PollDeadline { get; private set; }
    /// <summary>Machine address of this vCPU's vcpu_info: in shared_info for vCPU 0 until the guest
    /// registers another place with VCPUOP_register_vcpu_info; none (0) for the others until then.</summary>
    public uint InfoAddress { get; set; }
    /// <summary>set_timer_op deadline in system-time nanoseconds; null when no timer is set.</summary>
    public ulong? TimerDeadline { get; set; }
    /// <summary>Scheduler credit in nanoseconds of CPU time; negative when over its share.</summary>
    public long Credit { get; set; }
    /// <summary>The physical CPU running it, or -1.</summary>
    public int RunningOn { get; set; } = -1;
    /// <summary>sched_op yield or the end of its slice: give up the CPU at the next decision.</summary>
    public bool YieldRequested { get; set; }
    /// <summary>The physical CPUs it may run on, bit N for CPU N (xl.cfg cpus=; all by default).</summary>
    public uint HardAffinity { get; init; } = Domains.HardAffinity.Any;

    /// <summary>Blocks in sched_op poll (see <see cref="Polling"/>).</summary>
    public void BlockInPoll(uint? port, ulong? deadline)
    {
        Blocked = true;
        Polling = true;
        PollPort = port;
        PollDeadline = deadline;
    }

    /// <summary>Ends a block or a poll: the vCPU may run again.</summary>
    public void Wake()
    {
        Blocked = false;
        Polling = false;
        PollPort = null;
        PollDeadline = null;
    }

    /// <summary>Entered the failsafe callback and has not had a frame pushed since: another failed
    /// push crashes the domain instead of entering it again.</summary>
    public bool InFailsafe { get; set; }

    public bool MayRunOn(int pcpu) => (HardAffinity & (1u << pcpu)) != 0;

    public bool Runnable => Online && !Blocked && Domain.IsRunning;

    public override string ToString() => $"d{Domain.Id}v{Id}";
}
