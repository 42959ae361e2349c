using Cloister.Arm;
using Cloister.Hypervisor.Boot;
using Cloister.Hypervisor.Console;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Drivers;
using Cloister.Hypervisor.Events;
using Cloister.Hypervisor.Hypercalls;
using Cloister.Hypervisor.Machines;
using Cloister.Hypervisor.Memory;
using Cloister.Hypervisor.Timers;
using Cloister.Hypervisor.Traps;
using Cloister.Hypervisor.Xsm;

namespace Cloister.Hypervisor;

/// <summary>
/// The hypervisor. It is attached to the CPU as its exception hook: the first exception it sees
/// is the entry trap of its boot image (see docs/hypervisor.md); every later one is a trap from
/// a guest or an interrupt, handled here in place of vector code.
/// </summary>
public sealed class Hypervisor : IExceptionHook
{
    /// <summary>Where the hypervisor's own page is mapped in every address space.</summary>
    public const uint HypervisorVa = 0xFFF00000;
    const uint HvcInstruction = 0xE140EA71;
    const uint SemihostingApplicationExit = 0x20026, SemihostingRunTimeError = 0x20023;

    readonly ArmCpu cpu;
    readonly MachineMemory machine;
    HypervisorConsole? console;
    DomainManager? domains;
    AddressSpace? idleSpace;
    Dictionary<uint, IHypercall> hypercalls = [];
    XsmHooks? xsm;
    EventDelivery? delivery;
    TimerService? timers;
    IInterruptController? interrupts;
    MachineDescriptor? board;
    /// <summary>The physical CPUs online, by index (CPU 0 boots; the others come through the entry trap).</summary>
    readonly PhysicalCpu?[] pcpus = new PhysicalCpu?[4];
    PhysicalCpu Boot0 => pcpus[0]!;
    uint imagePage;
    bool started, halted;
    /// <summary>True while a trap is handled: a host-side call made from inside it (dom0's toolstack
    /// acting on a shutdown) leaves the rescheduling to the trap's own exit.</summary>
    bool inTrap;
    int cpusPresent = 1;
    /// <summary>The SGI that releases the secondary CPUs from the boot loader, and later makes a
    /// CPU look at the run queue again (a kick).</summary>
    const int WakeSgi = 0;

    public Hypervisor(ArmCpu cpu)
    {
        this.cpu = cpu;
        machine = new MachineMemory(cpu.Bus);
        pcpus[0] = new PhysicalCpu(0, cpu, sliceTimer: null);
    }

    /// <summary>Modules supplied by the boot bundle or the device tree, kept for inspection by tests and tools.</summary>
    public IReadOnlyList<BootModule> Modules { get; private set; } = [];

    public bool OnException(ArmCpu c, ArmException kind)
    {
        if (c != cpu) return OnSecondaryException(c, kind);
        if (!started)
        {
            if (kind != ArmException.Undefined || !machine.TryRead32(c.Pc, out uint insn) || insn != EntryStub.EntryTrap)
                return false;
            started = true;
            Start();
            return true;
        }
        HandleTrap(Boot0, kind);
        return true;
    }

    void Start()
    {
        var info = new BootInfo
        {
            MachineNumber = cpu.GetRegister(1),
            TagsAddress = cpu.GetRegister(2),
            ImageBase = cpu.Pc,
        };
        imagePage = info.ImageBase >> 12;
        var descriptor = MachineTable.Find(info.MachineNumber);
        if (descriptor is null)
        {
            // No console to say it on: stop the machine with an error status.
            Halt(SemihostingRunTimeError);
            return;
        }
        console = new HypervisorConsole(new Pl011Console(cpu.Bus, descriptor.ConsoleUart));
        try
        {
            Boot(info, descriptor);
        }
        catch (BootException e)
        {
            console.Error($"Panic: {e.Message}");
            Halt(SemihostingRunTimeError);
        }
    }

    void Boot(BootInfo info, MachineDescriptor descriptor)
    {
        var con = console!;
        // The tags (or tree) first: the command line sets what the console prints.
        var tree = DeviceTreeBoot.IsDeviceTree(machine, info.TagsAddress)
            ? DeviceTreeBoot.Read(machine, info.TagsAddress, descriptor.Compatible ?? [], descriptor.Name)
            : null;
        if (tree is null)
        {
            AtagParser.Parse(machine, info.TagsAddress, info);
        }
        else
        {
            info.Memory.AddRange(tree.Memory);
            info.CommandLine = tree.CommandLine;
        }
        var options = CommandLine.Parse(info.CommandLine);
        con.Threshold = options.LogLevel;
        con.Off = options.ConsoleOff;
        con.Log($"Cloister hypervisor, Xen {XenVersion.Major}.{XenVersion.Minor}{XenVersion.Extra} guest ABI");
        con.Log($"Machine: {descriptor.Name} (machine number {descriptor.MachineNumber}), CPU MIDR 0x{ReadMidr():x8}");
        if (tree is not null) con.Log($"Boot information: device tree at 0x{info.TagsAddress:x8}");
        foreach (var bank in info.Memory)
            con.Log($"RAM: 0x{bank.Start:x8} - 0x{bank.End - 1:x8} ({bank.Size >> 20} MiB)");
        con.Log($"Command line: {info.CommandLine}");
        foreach (var message in options.Messages) con.Warn(message);
        if (options.Scheduler != "credit") con.Log("Using scheduler: credit");
        if (descriptor.InterruptController == InterruptControllerKind.MpcoreGic)
        {
            // SCU configuration (private region + 4): bits 1:0 = CPUs present - 1.
            cpusPresent = cpu.Bus.Read(descriptor.InterruptControllerBase + 4, 4, out uint scuConfig) ? (int)(scuConfig & 3) + 1 : 1;
            con.Log($"SMP: {cpusPresent} CPU(s) present");
        }
        if (info.Memory.Count == 0) throw new BootException("no RAM reported by the boot loader");

        var frames = new FrameAllocator(machine, info.Memory);
        frames.Released += frame => { foreach (var p in pcpus) p?.Cpu.InvalidateCode(frame << 12, FrameAllocator.FrameSize); };
        // Everything below the end of the boot image (loader stub, tags, the image) and the initrd stay put.
        frames.Reserve(info.Memory[0].Start, info.ImageBase + 0x1000 - info.Memory[0].Start);
        var bootDomains = tree is null ? ReadBundle(info, frames) : TakeTreeModules(tree, frames);
        con.Log($"Boot modules: {Modules.Count}");

        xsm = new XsmHooks(options.Flask, line => con.Warn(line));
        var policy = Modules.FirstOrDefault(m => m.Kind == ModuleKind.FlaskPolicy);
        if (xsm.Mode == FlaskMode.Disabled)
            con.Log("Flask: disabled by the command line");
        else if (policy is null)
            throw new BootException("Flask: no policy module and flask is not disabled");
        else if (!xsm.LoadPolicy(policy.Data, out string policyError))
            throw new BootException($"Flask: the policy module was refused: {policyError}");
        else
            con.Log($"Flask: policy loaded ({policy.Data.Length} bytes), {xsm.Mode.ToString().ToLowerInvariant()} mode");

        domains = new DomainManager(machine, frames, con, imagePage, HypervisorVa) { CpusPresent = cpusPresent };
        idleSpace = new AddressSpace(machine, frames);
        idleSpace.Map(HypervisorVa, imagePage, AddressSpace.Access.PrivilegedOnly);
        delivery = new EventDelivery(machine);
        board = descriptor;
        interrupts = descriptor.InterruptController switch
        {
            InterruptControllerKind.MpcoreGic => new GicDriver(cpu.Bus, descriptor.InterruptControllerBase),
            _ => new VicDriver(cpu.Bus, descriptor.InterruptControllerBase),
        };
        interrupts.Reset();
        if (interrupts is GicDriver) interrupts.Enable(WakeSgi); // CPU 0 is kicked like the others
        var sp804 = new Sp804Driver(cpu.Bus, descriptor.TimerBase, descriptor.TimerClockHz);
        sp804.Start();
        interrupts.Enable(descriptor.TimerIrq);
        timers = new TimerService(sp804, machine, delivery);
        var eventChannels = new EventChannelOp(domains, delivery, xsm);
        var grants = new Grants.GrantService(domains, machine, frames);
        domains.Destroying += d =>
        {
            foreach (var chn in d.Events.Open.ToList()) eventChannels.CloseChannel(d, chn);
            grants.DomainGoing(d);
        };
        var host = new Control.HostFacts(cpusPresent, frames.TotalFrames, () => frames.FreeFrames, ReadMidr())
        {
            NowNs = timers.Now,
            CpuKhz = descriptor.TimerClockHz / 1000,
            MaxMfn = info.Memory.Max(b => ((ulong)b.Start + b.Size) >> 12) - 1,
        };
        hypercalls = new IHypercall[]
        {
            new ConsoleIo(con, xsm),
            new XenVersion(),
            new SchedOp(domains, delivery, xsm),
            eventChannels,
            new MemoryOp(domains, xsm, grants),
            new CallbackOp(),
            new SetTimerOp(),
            new GrantTableOp(domains, grants, xsm),
            new FlaskOp(xsm),
            new DomctlOp(domains, xsm),
            new VcpuOp(frames),
            new Multicall(Dispatch),
            new HvmOp(domains, xsm),
            new Sysctl(domains, xsm, con, host),
            new PhysdevOp(),
        }.ToDictionary(h => h.Number);

        foreach (var config in bootDomains.Select(d => d.ToConfig()))
        {
            if (!xsm.LabelDomain(config.Label, out uint sid, out uint selfSid, out string labelError))
                throw new BootException($"domain '{config.Name}': seclabel '{config.Label}' is not valid in the policy: {labelError}");
            var domain = domains.Create(config);
            domain.Sid = sid;
            domain.SelfSid = selfSid;
        }
        // dom0 is created after the guests so that their memory is laid out as before it existed.
        var control = CreateControlDomain(domains, xsm);
        foreach (var d in domains.Domains) StoreConsoleBuilder.Build(d, control, xsm);
        Control = new Control.Dom0Services(domains, machine, eventChannels, xsm, con)
        {
            Host = host,
            Preempt = Preempt,
            Now = () => timers.Now(),
        };
        ControlReady?.Invoke(Control);

        EnableMmu(cpu);
        ReleaseSecondaries(descriptor, info.ImageBase);
        con.Log($"Scheduling {domains.Domains.Count} domain(s)");
        Reschedule(Boot0);
    }

    /// <summary>dom0 has the label of the policy's initial SID "dom0", as Xen gives it.</summary>
    static Domain CreateControlDomain(DomainManager domains, XsmHooks xsm)
    {
        string label = "system_u:system_r:dom0_t";
        if (xsm.Active) xsm.Server.SidToContext(Flask.Server.SecurityServer.SidDom0, out label);
        var control = domains.CreateControl(label);
        xsm.LabelDomain(label, out uint sid, out uint selfSid, out _);
        control.Sid = sid;
        control.SelfSid = selfSid;
        return control;
    }

    /// <summary>dom0's services, once the domains are built (null before).</summary>
    public Control.Dom0Services? Control { get; private set; }

    /// <summary>Raised when the domains are built, before the first one runs: the toolstack attaches
    /// its services (xenstored, console backends) here.</summary>
    public event Action<Control.Dom0Services>? ControlReady;

    /// <summary>ATAG boot: the modules are the bundle in the initrd (docs/hypervisor.md).</summary>
    IReadOnlyList<BootDomain> ReadBundle(BootInfo info, FrameAllocator frames)
    {
        frames.Reserve(info.InitrdStart, info.InitrdSize);
        if (info.InitrdSize == 0) throw new BootException("no boot modules (initrd) supplied");
        var bundle = new byte[info.InitrdSize];
        if (!machine.TryRead(info.InitrdStart, bundle)) throw new BootException("the initrd is not in RAM");
        Modules = ModuleBundle.Parse(bundle);
        return BootDomain.FromBundle(Modules).ToList();
    }

    /// <summary>Device tree boot: the modules were read from /chosen; the blob and the modules stay put.</summary>
    IReadOnlyList<BootDomain> TakeTreeModules(DeviceTreeBoot tree, FrameAllocator frames)
    {
        foreach (var region in tree.Reserved) frames.Reserve(region.Start, region.Size);
        Modules = tree.Modules;
        return tree.Domains;
    }

    uint ReadMidr() => cpu.ReadSystemRegister(0, 0, 0, 0, out uint midr) ? midr : 0;

    void EnableMmu(ArmCpu c)
    {
        c.WriteSystemRegister(0, 3, 0, 0, 1u << (int)(AddressSpace.MmuDomain * 2)); // DACR: client
        c.WriteSystemRegister(0, 2, 0, 0, idleSpace!.L1Address);
        c.ReadSystemRegister(0, 1, 0, 0, out uint sctlr);
        c.WriteSystemRegister(0, 1, 0, 0, sctlr | 1);
    }

    /// <summary>
    /// Wakes the other CPUs out of the boot loader's secondary loop the way Linux does on this
    /// board: the entry trap's address in the boot register (SYS_FLAGSSET), then an SGI to all
    /// but this CPU. Each arrives in <see cref="OnSecondaryException"/> through the entry trap.
    /// </summary>
    void ReleaseSecondaries(MachineDescriptor descriptor, uint imageBase)
    {
        if (cpusPresent < 2 || descriptor.SmpBootRegister == 0 || interrupts is not GicDriver gic) return;
        cpu.Bus.Write(descriptor.SmpBootRegister, 4, imageBase);
        gic.SendSgiToOthers(WakeSgi);
    }

    /// <summary>
    /// Exceptions of the secondary CPUs. The first is the entry trap after their release: the
    /// CPU acknowledges its wake-up SGI, turns its MMU on with the idle tables, enables its
    /// private timer's interrupt and joins the scheduler. Later ones are traps like CPU 0's.
    /// </summary>
    bool OnSecondaryException(ArmCpu c, ArmException kind)
    {
        if (!started) return false; // not ours: the secondary boot loop owns the CPU until release
        c.ReadSystemRegister(0, 0, 0, 5, out uint mpidr);
        int index = (int)(mpidr & 3);
        if (pcpus[index] is { } known && known.Cpu == c)
        {
            HandleTrap(known, kind);
            return true;
        }
        bool entering = kind == ArmException.Undefined && machine.TryRead32(c.Pc, out uint insn) && insn == EntryStub.EntryTrap;
        while (interrupts!.Acknowledge(out uint token) >= 0) interrupts.EndOfInterrupt(token);
        if (!entering || domains is null)
        {
            console!.Log($"CPU{index}: unexpected {kind} exception at 0x{c.Pc:x8}; parked");
            c.Cpsr = 0xD3; // SVC mode, IRQ and FIQ masked
            c.Pc = StubVa(EntryStub.IdleOffset);
            return true;
        }
        var pc = new PhysicalCpu(index, c, new MpTimerDriver(c.Bus, board!.InterruptControllerBase));
        pcpus[index] = pc;
        EnableMmu(c);
        interrupts.Enable(MpTimerDriver.Irq); // banked: this CPU's private timer
        interrupts.Enable(WakeSgi);
        console!.Log($"CPU{index}: online");
        Reschedule(pc);
        Kick(pc);
        return true;
    }

    void HandleTrap(PhysicalCpu pc, ArmException kind)
    {
        inTrap = true;
        try { HandleTrapInner(pc, kind); }
        finally { inTrap = false; }
    }

    void HandleTrapInner(PhysicalCpu pc, ArmException kind)
    {
        var con = console!;
        var c = pc.Cpu;
        pc.KickPending = false;
        var current = pc.Current;
        bool fromGuest = c.Mode == CpuMode.User && current is not null;
        if (fromGuest) CpuContext.Save(c, current!);

        switch (kind)
        {
            case ArmException.Undefined when fromGuest:
                HandleUndefined(pc, current!);
                break;
            case ArmException.Irq or ArmException.Fiq:
                HandleInterrupt(pc);
                break;
            case ArmException.SupervisorCall or ArmException.PrefetchAbort or ArmException.DataAbort
                or ArmException.Undefined when fromGuest:
                BounceFault(pc, current!, kind);
                break;
            default:
                con.Error($"Panic: unexpected {kind} exception in hypervisor context at 0x{c.Pc:x8} on {pc}");
                Halt(pc, SemihostingRunTimeError);
                return;
        }
        Reschedule(pc);
        Kick(pc);
    }

    /// <summary>For host-side requests (the toolstack's control socket) that change domains
    /// between run slices, outside any trap: every CPU affected is kicked, CPU 0 included.</summary>
    public void KickAfterHostRequest()
    {
        if (domains is null) return;
        SpreadTlbFlush(domains);
        Kick(null);
        // The last domain gone: CPU 0 must look, to halt the machine.
        if (!domains.Scheduler.HasAny && interrupts is GicDriver gic && !Boot0.KickPending)
        {
            Boot0.KickPending = true;
            gic.SendSgi(0, WakeSgi);
        }
    }

    /// <summary>Page tables changed (a hypercall or a host request set the domain manager's
    /// flag): every CPU flushes its TLB before it runs a guest again; Kick sends the busy ones an SGI.</summary>
    void SpreadTlbFlush(DomainManager dm)
    {
        if (!dm.TlbFlushNeeded) return;
        dm.TlbFlushNeeded = false;
        foreach (var p in pcpus) if (p is not null) p.TlbFlushNeeded = true;
    }

    /// <summary>
    /// After a trap on <paramref name="from"/>: every other CPU that must look at the run queue
    /// again gets an SGI — an idle CPU when a vCPU waits, a CPU whose vCPU stopped being
    /// runnable (paused, blocked, destroyed) or has an upcall to take, a CPU that must flush its
    /// TLB. The CPUs share one host thread, so the SGI is taken before the target CPU runs
    /// another guest instruction.
    /// </summary>
    void Kick(PhysicalCpu? from)
    {
        if (interrupts is not GicDriver gic) return;
        var dm = domains!;
        foreach (var p in pcpus)
        {
            if (p is null || p == from || p.KickPending) continue;
            var v = p.Current;
            bool kick = v is null
                ? dm.Scheduler.AnyWaitingFor(p.Index)
                : !v.Runnable || p.TlbFlushNeeded || Upcallable(v);
            if (!kick) continue;
            p.KickPending = true;
            gic.SendSgi(p.Index, WakeSgi);
        }
    }

    bool Upcallable(Vcpu v)
    {
        if (v.Domain.EventCallback == 0) return false;
        var (pending, masked) = delivery!.UpcallState(v);
        return pending && !masked;
    }

    void HandleInterrupt(PhysicalCpu pc)
    {
        // Bounded: a line whose device is not cleared must not hold the hypervisor here.
        for (int i = 0; i < 32; i++)
        {
            int irq = interrupts!.Acknowledge(out uint token);
            if (irq < 0) break;
            if (irq == board!.TimerIrq && pc.Index == 0)
            {
                timers!.Acknowledge();
                // The slice of the running vCPU is over, whatever woke us: let the others run.
                if (pc.Current is { } v) v.YieldRequested = true;
            }
            else if (irq == MpTimerDriver.Irq && pc.SliceTimer is { } slice)
            {
                slice.Acknowledge();
                if (pc.Current is { } v) v.YieldRequested = true;
            }
            interrupts.EndOfInterrupt(token);
        }
    }

    int Dispatch(HypercallContext call) =>
        hypercalls.TryGetValue(call.Number, out var h) ? h.Invoke(call) : -Errno.ENOSYS;

    void HandleUndefined(PhysicalCpu pc, Vcpu vcpu)
    {
        if (vcpu.Domain.Memory.TryRead32(vcpu.Pc, out uint insn) && insn == HvcInstruction)
        {
            var r = vcpu.Registers;
            var call = new HypercallContext(vcpu, r[12], r[0], r[1], r[2], r[3], r[4]);
            vcpu.Pc += 4;
            int result = Dispatch(call);
            r[0] = (uint)result;
            return;
        }
        BounceFault(pc, vcpu, ArmException.Undefined);
    }

    /// <summary>
    /// Gives a synchronous fault to the guest's registered fault handler: a 20-word frame on its
    /// stack (r0–r12, sp, lr, pc of the faulting instruction, cpsr flags, kind, fault address,
    /// fault status) and r0 = sp = the frame. Without a handler, or when the frame cannot be
    /// written, the domain is crashed — alone.
    /// </summary>
    void BounceFault(PhysicalCpu pc, Vcpu vcpu, ArmException kind)
    {
        var cpu = pc.Cpu;
        var d = vcpu.Domain;
        uint address = 0, status = 0;
        if (kind == ArmException.DataAbort)
        {
            cpu.ReadSystemRegister(0, 6, 0, 0, out address);
            cpu.ReadSystemRegister(0, 5, 0, 0, out status);
        }
        else if (kind == ArmException.PrefetchAbort)
        {
            address = vcpu.Pc;
            cpu.ReadSystemRegister(0, 5, 0, 1, out status);
        }
        if (d.TrapCallback == 0)
        {
            CrashDomain(vcpu, kind, address);
            return;
        }
        if (!EnterGuestHandler(vcpu, d.TrapCallback, [(uint)kind, address, status]) && !EnterFailsafe(vcpu, FailsafeFault))
            CrashDomain(vcpu, kind, address);
    }

    const uint FailsafeUpcall = 0, FailsafeFault = 1;

    /// <summary>
    /// When an upcall or fault frame cannot be pushed (the guest's sp is not writable memory of its
    /// own), the failsafe callback gets the vCPU, once: r0 = what could not be delivered (0 an
    /// upcall, 1 a fault), r1 = the sp that failed, r2 = the interrupted pc, r3 = its cpsr flags;
    /// r4–r14 as they were. False (crash the domain) without one, or when the vCPU entered it and
    /// has had no frame pushed since.
    /// </summary>
    static bool EnterFailsafe(Vcpu v, uint what)
    {
        var d = v.Domain;
        if (d.FailsafeCallback == 0 || v.InFailsafe) return false;
        var r = v.Registers;
        r[0] = what;
        r[1] = r[13];
        r[2] = v.Pc;
        r[3] = v.Cpsr & 0xF80F0000;
        v.Pc = d.FailsafeCallback;
        v.InFailsafe = true;
        return true;
    }

    /// <summary>
    /// Pushes the interrupted context (r0–r12, sp, lr, pc, cpsr flags) and <paramref name="extra"/>
    /// words on the guest's stack and points the vCPU at <paramref name="entry"/> with r0 = sp = the
    /// frame (docs/abi.md, upcalls and faults). False when the stack is not the guest's memory.
    /// </summary>
    static bool EnterGuestHandler(Vcpu v, uint entry, ReadOnlySpan<uint> extra)
    {
        Span<uint> words = stackalloc uint[17 + extra.Length];
        v.Registers.CopyTo(words);
        words[15] = v.Pc;
        words[16] = v.Cpsr & 0xF80F0000;
        extra.CopyTo(words[17..]);
        uint frame = v.Registers[13] - (uint)(words.Length * 4);
        if (!v.Domain.Memory.TryWrite(frame, System.Runtime.InteropServices.MemoryMarshal.AsBytes(words))) return false;
        v.InFailsafe = false;
        v.Registers[0] = frame;
        v.Registers[13] = frame;
        v.Pc = entry;
        return true;
    }

    void CrashDomain(Vcpu vcpu, ArmException kind, uint address = 0)
    {
        string where = kind is ArmException.DataAbort ? $" (address 0x{address:x8})" : "";
        console!.Log($"{vcpu}: unhandled {kind} at 0x{vcpu.Pc:x8}{where}; crashing domain");
        domains!.ShutdownDomain(vcpu.Domain, ShutdownReason.Crash);
    }

    /// <summary>True while every CPU idles with no timer armed: every vCPU blocked (or paused)
    /// without a deadline, so only dom0 — the host — can make anything run again.</summary>
    public bool OnlyHostCanWake => started && !halted && pcpus.All(p => p is null || p.Current is null) && timers is { Armed: false };

    /// <summary>Takes the CPUs back from the guests between run slices, as a timer interrupt would,
    /// so that a domain dom0 paused or destroyed stops running at once (the host calls it from the
    /// machine's thread, at an instruction boundary). On GIC boards each CPU that must decide again
    /// gets an SGI, taken before its next guest instruction; on the VIC board CPU 0 reschedules now.</summary>
    void Preempt()
    {
        if (!started || halted || domains is null || inTrap) return;
        if (interrupts is GicDriver) { KickAfterHostRequest(); return; }
        var pc = Boot0;
        if (pc.Cpu.Mode == CpuMode.User && pc.Current is not null) CpuContext.Save(pc.Cpu, pc.Current);
        Reschedule(pc);
    }

    void Reschedule(PhysicalCpu pc)
    {
        var dm = domains!;
        SpreadTlbFlush(dm);
        timers!.FireExpired(dm.Domains);
        var current = pc.Current;
        var next = dm.Scheduler.PickNext(pc.Index, current is { Runnable: true } ? current : null, timers.Now());
        if (next is null)
        {
            pc.Current = null;
            // A domain kept shut down (on_crash="preserve") keeps the machine up until dom0 destroys it.
            if (!dm.Scheduler.HasAny && dm.Domains.Count == 0)
            {
                bool allPoweredOff = dm.Finished.All(r => r == ShutdownReason.Poweroff);
                if (pcpus.Count(p => p is not null) > 1)
                    console!.Log("Guest entries per CPU: " + string.Join(", ", pcpus.OfType<PhysicalCpu>().Select(p => $"{p} {p.GuestEntries}")));
                console!.Log($"All domains have finished; halting ({(allPoweredOff ? "all powered off" : "not all powered off")})");
                Halt(pc, allPoweredOff ? SemihostingApplicationExit : SemihostingRunTimeError);
                return;
            }
            if (pc.Index == 0) timers.SetBootCpuSlice(null);
            pc.SliceTimer?.Stop();
            timers.Rearm(dm.Domains, dm.Scheduler.AnyParked ? dm.Scheduler.PeriodEnd : null);
            Idle(pc);
            return;
        }
        DeliverUpcall(next);
        if (!next.Runnable) { Reschedule(pc); return; }
        if (next.Domain != current?.Domain || pc.TlbFlushNeeded)
        {
            pc.TlbFlushNeeded = false;
            SwitchTo(pc, next.Domain.AddressSpace);
        }
        pc.Current = next;
        timers.PublishTime(next);
        ulong? limit = dm.Scheduler.RunLimit(next, dm.Scheduler.RunnableCount > 1);
        if (pc.Index == 0) timers.SetBootCpuSlice(limit);
        else if (limit is ulong ns) pc.SliceTimer!.ArmOneShot(ns);
        timers.Rearm(dm.Domains, dm.Scheduler.AnyParked || next.Domain.Cap > 0 ? dm.Scheduler.PeriodEnd : null);
        pc.GuestEntries++;
        CpuContext.Load(pc.Cpu, next);
    }

    /// <summary>
    /// Bounces a pending, unmasked event upcall to the guest's callback: the interrupted r0–r12,
    /// sp, lr, pc and cpsr and the vCPU id are pushed on the guest stack (18 words), the upcall is masked, and the
    /// callback runs with r0 = sp = the frame (docs/abi.md, "Upcalls").
    /// </summary>
    void DeliverUpcall(Vcpu v)
    {
        var d = v.Domain;
        if (d.EventCallback == 0) return;
        var (pending, masked) = delivery!.UpcallState(v);
        if (!pending || masked) return;
        // The extra word is the vCPU id: which vcpu_info the handler must look at.
        if (!EnterGuestHandler(v, d.EventCallback, [(uint)v.Id]) && !EnterFailsafe(v, FailsafeUpcall))
        {
            CrashDomain(v, ArmException.DataAbort);
            return;
        }
        // Masked in the failsafe case too: the upcall waits until the guest has a stack again.
        delivery.SetUpcallMask(v, true);
        v.Wake();
    }

    /// <summary>TTBR0 := the tables, then TLBIALL: the CPU must not keep the previous tables' entries.</summary>
    static void SwitchTo(PhysicalCpu pc, AddressSpace space)
    {
        pc.Cpu.WriteSystemRegister(0, 2, 0, 0, space.L1Address);
        pc.Cpu.WriteSystemRegister(0, 8, 7, 0, 0);
    }

    uint StubVa(uint offset) => HypervisorVa + ((imagePage << 12) & 0xFFF) + offset;

    void Idle(PhysicalCpu pc)
    {
        SwitchTo(pc, idleSpace!);
        pc.TlbFlushNeeded = false;
        pc.Cpu.Cpsr = 0x13; // SVC mode, IRQ and FIQ enabled
        pc.Cpu.Pc = StubVa(EntryStub.IdleOffset);
    }

    /// <summary>Stops the machine: semihosting SYS_EXIT from the halt stub, in SVC mode, IRQs off.</summary>
    void Halt(uint reason) => Halt(Boot0, reason);

    void Halt(PhysicalCpu pc, uint reason)
    {
        var cpu = pc.Cpu;
        halted = true;
        cpu.Cpsr = 0xD3;
        cpu.SetRegister(1, reason);
        bool mmuOn = cpu.ReadSystemRegister(0, 1, 0, 0, out uint sctlr) && (sctlr & 1) != 0;
        if (mmuOn)
        {
            // The last domain's tables are gone: run the halt stub on the idle tables.
            SwitchTo(pc, idleSpace!);
        }
        cpu.Pc = mmuOn ? StubVa(EntryStub.HaltOffset) : (imagePage << 12) + EntryStub.HaltOffset;
    }
}
