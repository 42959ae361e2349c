using Cloister.Hypervisor.Boot;
using Cloister.Hypervisor.Console;
using Cloister.Hypervisor.Memory;

namespace Cloister.Hypervisor.Domains;

/// <summary>Creates and destroys domains: memory, address space, kernel image, vCPUs.</summary>
public sealed class DomainManager(MachineMemory machine, FrameAllocator frames, HypervisorConsole console,
    uint hypervisorPage, uint hypervisorVa)
{
    const int MaxCommandLine = 1024;
    readonly List<Domain> domains = [];
    // Domain 0 is the control domain, whose services are the toolstack; configured domains start at 1.
    int nextId = 1;

    public Scheduler Scheduler { get; } = new();

    /// <summary>The physical CPUs the machine has, 0 to N-1: hard-affinity masks are limited to them.</summary>
    public int CpusPresent { get; init; } = 1;

    /// <summary>Set when a hypercall changed a live address space; the trap exit flushes the TLB.</summary>
    public bool TlbFlushNeeded { get; set; }
    public IReadOnlyList<Domain> Domains => domains;

    /// <summary>Shutdown reasons of domains that have gone, for the final exit status.</summary>
    public List<ShutdownReason> Finished { get; } = [];

    public Domain Create(DomainConfig config)
    {
        uint pages = config.MemoryMiB * 256;
        // Checked before anything is allocated, so that a refused build (at run time, `xl create`) leaks nothing.
        var elf = ElfImage.Parse(config.Kernel, config.KernelName);
        foreach (var seg in elf.Segments)
            if ((ulong)seg.VirtualAddress + seg.MemorySize > (ulong)(pages - StoreConsoleBuilder.RingPages) * 4096)
                throw new BootException($"{config.KernelName}: segment at 0x{seg.VirtualAddress:x8} does not fit in {config.MemoryMiB} MiB");
        var cmdline = System.Text.Encoding.UTF8.GetBytes(config.CommandLine + "\0");
        if (cmdline.Length > MaxCommandLine) throw new BootException($"domain '{config.Name}': command line longer than {MaxCommandLine - 1} bytes");
        uint[] affinity = HardAffinity.Resolve(config, Math.Max(1, config.Vcpus), CpusPresent);
        // Its pages, shared_info and a margin for its page tables (a 16 KiB L1, 1 KiB L2 tables).
        if (pages + pages / 256 + 8 > frames.FreeFrames) throw new BootException($"out of memory building domain {config.Name}");
        int id = nextId++;
        var p2m = new uint[pages];
        var space = new AddressSpace(machine, frames);
        for (uint pfn = 0; pfn < pages; pfn++)
        {
            uint mfn = frames.Allocate(id) ?? throw new BootException($"out of memory building domain {config.Name}");
            p2m[pfn] = mfn;
            space.Map(pfn << 12, mfn, AddressSpace.Access.UserReadWrite);
        }
        // The hypervisor's own page (entry stub, idle loop), privileged-only, at the same place in
        // every address space so the CPU can idle or halt whichever tables are live.
        space.Map(hypervisorVa, hypervisorPage, AddressSpace.Access.PrivilegedOnly);

        var memory = new GuestMemory(machine, p2m);
        var domain = new Domain(id, config.Name, config.Label, memory, space)
        {
            SharedInfoFrame = frames.Allocate(FrameAllocator.Hypervisor) ?? throw new BootException("out of memory for shared_info"),
            Grants = new Grants.GrantTable(machine),
            Weight = config.Weight,
            Cap = config.Cap,
            MaxPages = Math.Max(config.MaxMemoryMiB, config.MemoryMiB) * 256,
        };
        foreach (var seg in elf.Segments) memory.TryWrite(seg.VirtualAddress, seg.Data);
        // The two top pages are the console and xenstore rings (StoreConsoleBuilder); the command
        // line goes just below them; vCPU 0 gets r0 = its address, r1 = its length and sp just
        // below it (docs/abi.md, "Loading and entry").
        uint cmdlineVa = ((pages - StoreConsoleBuilder.RingPages) * 4096 - (uint)cmdline.Length) & ~7u;
        memory.TryWrite(cmdlineVa, cmdline);
        // vCPU 0 starts at the entry point; the others wait offline for VCPUOP_initialise/up.
        for (int v = 0; v < Math.Max(1, config.Vcpus); v++)
        {
            var vcpu = new Vcpu(domain, v) { Pc = elf.Entry, Online = v == 0, HardAffinity = affinity[v] };
            if (v == 0)
            {
                vcpu.Registers[0] = cmdlineVa;
                vcpu.Registers[1] = (uint)cmdline.Length - 1;
                vcpu.Registers[13] = cmdlineVa;
            }
            domain.Vcpus.Add(vcpu);
            Scheduler.Add(vcpu);
        }
        domains.Add(domain);
        string vcpus = config.Vcpus > 1 ? $", {config.Vcpus} vCPUs" : "";
        console.Log($"d{id}: created '{config.Name}', {config.MemoryMiB} MiB{vcpus}, label {config.Label}, entry 0x{elf.Entry:x8}");
        return domain;
    }

    public Domain? Find(int id) => domains.Find(d => d.Id == id);

    /// <summary>Domain 0, the control domain: it runs no guest code in Cloister — its services
    /// (xenstored, console backends) are the toolstack in the host — but it has an id, a label and
    /// event channel ports like any domain. It is not in <see cref="Domains"/>: guests cannot name
    /// it as the target of domctl or hvm_op.</summary>
    public Domain? Control { get; private set; }

    public Domain CreateControl(string label)
    {
        var space = new AddressSpace(machine, frames);
        Control = new Domain(0, "Domain-0", label, new GuestMemory(machine, []), space) { Grants = new Grants.GrantTable(machine) };
        return Control;
    }

    /// <summary>The domain at the other end of an event channel: a guest or the control domain.</summary>
    public Domain? FindPeer(int id) => id == 0 && Control is not null ? Control : Find(id);

    public FrameAllocator Frames => frames;

    /// <summary>Called before a domain's resources go, so event channels can be unhooked.</summary>
    public event Action<Domain>? Destroying;

    /// <summary>Puts a guest frame back in the allocator (the frame a physmap mapping replaced).</summary>
    public void ReleaseFrame(uint frame) => frames.Release(frame);

    /// <summary>Xen's tot_pages: the frames the domain owns in its physmap (not shared_info, grant
    /// frames or pages mapped from others).</summary>
    public int TotPages(Domain d)
    {
        int n = 0;
        foreach (uint mfn in d.Memory.PseudoToMachine)
            if (mfn != GuestMemory.NoFrame && frames.OwnerOf(mfn) == d.Id) n++;
        return n;
    }

    /// <summary>Xen's VIRQ_DOM_EXC to dom0: when set, a domain that shuts down stays, shut down with
    /// its vCPUs off the run queue, until dom0's toolstack acts on it (destroys, restarts or keeps
    /// it, docs/toolstack.md "Lifecycle actions"). Without it the domain is destroyed at once.</summary>
    public Action<Domain>? ShutDownHandler { get; set; }

    public void ShutdownDomain(Domain domain, ShutdownReason reason)
    {
        if (domain.State == DomainState.Shutdown) return;
        if (ShutDownHandler is { } toolstack)
        {
            domain.State = DomainState.Shutdown;
            domain.Shutdown = reason;
            foreach (var v in domain.Vcpus) Scheduler.Remove(v);
            console.Log($"d{domain.Id}: shutdown, reason {reason.ToString().ToLowerInvariant()}");
            toolstack(domain);
            return;
        }
        Destroying?.Invoke(domain);
        domain.State = DomainState.Shutdown;
        domain.Shutdown = reason;
        console.Log($"d{domain.Id}: shutdown, reason {reason.ToString().ToLowerInvariant()}");
        Destroy(domain);
        Finished.Add(reason);
    }

    /// <summary>domctl destroydomain: the domain goes at once; a running one without a shutdown of
    /// its own (logged, and counted as not powered off), a shut-down one silently with its reason.
    /// <paramref name="restarting"/>: the toolstack builds it again, so it has not finished.</summary>
    public void DestroyDomain(Domain domain, Domain by, bool restarting = false)
    {
        if (!domains.Contains(domain)) return;
        Destroying?.Invoke(domain);
        var reason = domain.State == DomainState.Shutdown ? domain.Shutdown ?? ShutdownReason.Crash : ShutdownReason.Crash;
        if (domain.State != DomainState.Shutdown) console.Log($"d{domain.Id}: destroyed by d{by.Id}");
        domain.State = DomainState.Shutdown;
        Destroy(domain);
        if (!restarting) Finished.Add(reason);
    }

    void Destroy(Domain domain)
    {
        foreach (var v in domain.Vcpus) Scheduler.Remove(v);
        // Only the domain's own frames go back: shared_info, grant frames and pages it mapped from
        // others appear in its physmap but are not its to free.
        foreach (uint mfn in domain.Memory.PseudoToMachine)
            if (mfn != GuestMemory.NoFrame && frames.OwnerOf(mfn) == domain.Id) frames.Release(mfn);
        domain.Grants.Release(frames);
        domain.AddressSpace.Release();
        frames.Release(domain.SharedInfoFrame);
        domains.Remove(domain);
    }
}
