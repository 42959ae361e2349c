using Cloister.Hypervisor.Events;
using Cloister.Hypervisor.Grants;
using Cloister.Hypervisor.Memory;

namespace Cloister.Hypervisor.Domains;

/// <summary>Xen's shutdown reasons (sched.h).</summary>
public enum ShutdownReason : uint
{
    Poweroff = 0,
    Reboot = 1,
    Suspend = 2,
    Crash = 3,
    Watchdog = 4,
}

public enum DomainState
{
    Running,
    Paused,
    Shutdown,
}

/// <summary>A guest domain: its memory, address space, vCPUs, label and lifecycle state.</summary>
public sealed class Domain(int id, string name, string label, GuestMemory memory, AddressSpace addressSpace)
{
    public int Id { get; } = id;
    /// <summary>Set again only by a rename (rename-restart).</summary>
    public string Name { get; set; } = name;
    /// <summary>The FLASK security context from the configuration's seclabel.</summary>
    public string Label { get; } = label;
    /// <summary>The security identifier for <see cref="Label"/>, assigned when the domain is created.</summary>
    public uint Sid { get; set; }
    /// <summary>The SID the domain has as the target of its own operations (Xen's self_sid:
    /// type_transition of its label on itself for class domain).</summary>
    public uint SelfSid { get; set; }
    public GuestMemory Memory { get; } = memory;
    /// <summary>The most frames the domain may own (Xen's max_pages, from xl.cfg maxmem).</summary>
    public uint MaxPages { get; set; }
    public AddressSpace AddressSpace { get; } = addressSpace;
    public List<Vcpu> Vcpus { get; } = [];
    public EventChannelTable Events { get; } = new();
    public required GrantTable Grants { get; init; }
    /// <summary>The machine frame of this domain's shared_info page (hypervisor-owned, shared with it).</summary>
    public uint SharedInfoFrame { get; set; }
    /// <summary>Guest address of the event upcall handler (callback_op), 0 when none is registered.</summary>
    public uint EventCallback { get; set; }
    /// <summary>Guest address of the fault handler (callback_op type CALLBACKTYPE_cloister_trap), 0 when none.</summary>
    public uint TrapCallback { get; set; }
    /// <summary>Guest address of the failsafe callback (CALLBACKTYPE_failsafe), entered when an upcall
    /// or fault frame cannot be pushed on the guest's stack; 0 when none.</summary>
    public uint FailsafeCallback { get; set; }
    public DomainState State { get; set; } = DomainState.Running;
    /// <summary>Credit scheduler weight (xl.cfg cpu_weight, default 256).</summary>
    public int Weight { get; set; } = 256;
    /// <summary>Credit scheduler cap in percent of one CPU (xl.cfg cap); 0 = none.</summary>
    public int Cap { get; set; }
    /// <summary>CPU time used in the current accounting period.</summary>
    public ulong UsedThisPeriod { get; set; }
    /// <summary>CPU time used since the domain was created, in nanoseconds (xl list's Time(s)).</summary>
    public ulong CpuTimeNs { get; set; }
    public ShutdownReason? Shutdown { get; set; }
    /// <summary>HVM parameters a guest reads with hvm_op get_param (HVM_PARAM_* → value); a parameter
    /// not set reads 0, as in Xen.</summary>
    public Dictionary<uint, ulong> HvmParams { get; } = [];

    public bool IsRunning => State == DomainState.Running;

    public override string ToString() => $"d{Id}";
}
