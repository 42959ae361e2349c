using Cloister.Arm;
using Cloister.Platform.Boards;
using Cloister.Platform.Bus;
using Cloister.Platform.Devices;
using Cloister.Platform.Loaders;
using Cloister.Platform.Time;

namespace Cloister.Platform;

/// <summary>Why <see cref="Machine.Run"/> returned.</summary>
public enum StopReason
{
    None,
    /// <summary>The guest called semihosting SYS_EXIT.</summary>
    SemihostingExit,
    /// <summary>The guest asked for a reset and -no-reboot was given.</summary>
    GuestReset,
    /// <summary>The guest asked to power off.</summary>
    GuestShutdown,
    /// <summary>The host asked to stop (Ctrl-C, Ctrl-A x).</summary>
    HostRequest,
    /// <summary>The instruction limit given to Run was reached.</summary>
    InstructionLimit,
    /// <summary>The guest did something the machine cannot continue from.</summary>
    Error,
}

/// <summary>
/// A whole board: CPUs, physical bus with RAM and devices, virtual clock, boot image. Runs the
/// CPUs in slices bounded by the next timer event, fires due events, feeds host input to the
/// console UART, skips idle time while every CPU waits for an interrupt, and handles reset and
/// stop requests.
/// </summary>
/// <remarks>
/// SMP is deterministic: the CPUs take turns on one host thread in fixed quanta of
/// instructions (<see cref="MachineConfig.SmpQuantum"/>), in index order, and virtual time
/// advances with every instruction any CPU retires (QEMU's round-robin -icount model). A CPU
/// waiting for an interrupt or event gives up its turn; when all wait, time skips to the next
/// event. Device accesses see <see cref="CurrentCpuIndex"/> for per-CPU banked registers.
/// </remarks>
public sealed class Machine : IDisposable
{
    /// <summary>Longest slice between looks at host input and stop requests.</summary>
    public const long MaxSlice = 1_000_000;

    readonly MachineConfig config;
    readonly List<IMmioDevice> devices = [];
    readonly ArmCpu[] cpus;
    readonly CpuInterruptSink[] cpuSinks;
    readonly long quantum;
    readonly Func<long> executed;
    volatile bool stopRequested;
    bool resetRequested;

    public Machine(MachineConfig config)
    {
        this.config = config;
        Board = Boards.Board.Find(config.Board) ?? throw new BootException($"unsupported machine type '{config.Board}'");
        var model = CpuModel.Find(config.Cpu ?? Board.DefaultCpu)
            ?? throw new BootException($"unable to find CPU model '{config.Cpu}'");
        if (!Board.CpuSecurityExtensions) model = model.WithoutSecurityExtensions();
        CpuModel = model;
        ulong ram = config.RamSize ?? Board.DefaultRamSize;
        if (ram > Board.MaxRamSize) throw new BootException(Board.RamTooLargeMessage);
        if (ram < 0x1000 || ram % 0x1000 != 0) ram = (ram + 0xFFF) & ~0xFFFul;
        RamSize = (uint)ram;
        Log = new Logger(config.LogSink, config.LogMask);
        RtcStartSeconds = config.RtcStartSeconds ?? (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Bus = new PhysicalBus(Board.RamBase, RamSize)
        {
            IgnoreTransactionFailures = Board.IgnoreTransactionFailures,
            Log = Log,
        };
        if (config.Smp < 1 || config.Smp > Board.MaxCpus)
            throw new BootException(Board.TooManyCpusMessage(config.Smp));
        cpus = new ArmCpu[config.Smp];
        cpuSinks = new CpuInterruptSink[config.Smp];
        var monitor = new GlobalMonitor();
        for (int i = 0; i < cpus.Length; i++)
        {
            cpus[i] = new ArmCpu(model, Bus) { Log = config.LogSink, LogMask = config.LogMask, CpuIndex = (uint)i };
            if (cpus.Length > 1) cpus[i].GlobalMonitor = monitor;
            cpuSinks[i] = new CpuInterruptSink(cpus[i]);
        }
        quantum = cpus.Length == 1 ? MaxSlice : Math.Max(1, config.SmpQuantum);
        // One CPU: read its counter directly, the clock asks on every device access.
        executed = cpus.Length == 1 ? () => cpus[0].Executed : TotalExecuted;
        Clock = new VirtualClock(executed, config.IcountShift)
        {
            EarliestDeadlineChanged = () => cpus[CurrentCpuIndex].RequestExit(),
        };
        Board.Populate(this);

        if (config.Semihosting)
        {
            Semihosting = new Semihosting.SemihostingHandler(this,
                config.SemihostingConsole ?? NullCharBackend.Instance,
                config.SemihostingInput,
                config.HostStdout,
                config.HostStderr);
            foreach (var cpu in cpus) cpu.ExceptionHook = Semihosting;
        }
    }

    public Board Board { get; }
    public CpuModel CpuModel { get; }
    public MachineConfig Config => config;
    public uint RamSize { get; }
    public Logger Log { get; }
    public PhysicalBus Bus { get; }
    /// <summary>CPU 0, the boot CPU (the only one on single-CPU boards).</summary>
    public ArmCpu Cpu => cpus[0];
    /// <summary>All CPUs, by index (MPIDR CPU id).</summary>
    public IReadOnlyList<ArmCpu> Cpus => cpus;
    public VirtualClock Clock { get; }
    /// <summary>CPU 0's IRQ/FIQ inputs.</summary>
    public CpuInterruptSink CpuInterrupts => cpuSinks[0];
    /// <summary>Each CPU's IRQ/FIQ inputs, by CPU index.</summary>
    public IReadOnlyList<CpuInterruptSink> CpuInterruptSinks => cpuSinks;

    /// <summary>The CPU whose turn it is: the one making any device access now.</summary>
    public int CurrentCpuIndex { get; private set; }
    public Semihosting.SemihostingHandler? Semihosting { get; }
    public uint RtcStartSeconds { get; }
    public IReadOnlyList<IMmioDevice> Devices => devices;
    public List<Pl011Uart> Uarts { get; } = [];

    /// <summary>The image loaded at boot, written again on every reset (QEMU's ROM blobs).</summary>
    public BootImage? Image { get; private set; }

    /// <summary>Feeds UART0 (the console) when set.</summary>
    public IHostInput? ConsoleInput { get; set; }

    /// <summary>The token of the current <see cref="Run"/> (host code that blocks, such as a semihosting
    /// read from stdin, gives up when it is cancelled).</summary>
    public CancellationToken CancelToken { get; private set; }

    public StopReason StopReason { get; private set; }

    /// <summary>Host work that must not run concurrently with the CPUs (a control socket's requests):
    /// called on the run loop's thread before each slice, while every CPU is stopped.</summary>
    public event Action? BetweenSlices;

    /// <summary>Asked when every CPU sleeps: true when no pending event can wake them (the software
    /// armed no interrupting timer), so the machine waits for the host instead of skipping virtual
    /// time from one silent event to the next for ever.</summary>
    public Func<bool>? OnlyHostCanWake { get; set; }
    public int ExitCode { get; private set; }

    /// <summary>Instructions retired by all CPUs (all slices).</summary>
    public long Executed => executed();

    long TotalExecuted()
    {
        long sum = 0;
        foreach (var cpu in cpus) sum += cpu.Executed;
        return sum;
    }

    public ICharBackend SerialBackend(int index) =>
        index < config.Serial.Count ? config.Serial[index] : NullCharBackend.Instance;

    /// <summary>Maps <paramref name="device"/> and returns it (board construction).</summary>
    public T Add<T>(uint baseAddress, uint size, T device) where T : IMmioDevice
    {
        Bus.Map(baseAddress, size, device);
        devices.Add(device);
        return device;
    }

    public UnimplementedDevice Unimplemented(string name, uint baseAddress, uint size) =>
        Add(baseAddress, size, new UnimplementedDevice(name, Log));

    /// <summary>Loads -kernel/-initrd/-dtb/-append as QEMU's arm_load_kernel would, then resets.</summary>
    public void Boot()
    {
        if (config.Kernel is not null)
            Image = KernelLoader.Load(this, new BootRequest(config.Kernel, config.Initrd, config.Append, config.Dtb));
        SystemReset();
    }

    /// <summary>Loads an already-built image (tests, the hypervisor) and resets.</summary>
    public void Boot(BootImage image)
    {
        Image = image;
        SystemReset();
    }

    /// <summary>QEMU's qemu_system_reset: devices, image blobs, CPUs, entry points. A non-Linux
    /// image starts every CPU at its entry; a Linux boot starts CPU 0 in the boot stub and the
    /// others in the board's secondary boot loop (QEMU's do_cpu_reset).</summary>
    public void SystemReset()
    {
        foreach (var d in devices) d.Reset();
        foreach (var cpu in cpus) cpu.Reset();
        if (Image is null) return;
        foreach (var blob in Image.Blobs) Bus.WriteBytes(blob.Address, blob.Data);
        for (int i = 0; i < cpus.Length; i++)
        {
            var cpu = cpus[i];
            cpu.InvalidateCode(Bus.RamBase, Bus.RamSize);
            foreach (var blob in Image.Blobs) cpu.InvalidateCode(blob.Address, (uint)blob.Data.Length);
            uint entry = !Image.IsLinux ? Image.Entry : i == 0 ? Image.LoaderStart : Image.SecondaryStart;
            if ((entry & 1) != 0 && !Image.IsLinux)
            {
                cpu.Cpsr |= 0x20; // Thumb entry point
                entry &= ~1u;
            }
            cpu.Pc = entry;
        }
    }

    /// <summary>The guest asked for a system reset (e.g. SYS_RESETCTL).</summary>
    public void RequestReset()
    {
        resetRequested = true;
        cpus[CurrentCpuIndex].RequestExit();
    }

    /// <summary>The guest asked to power off.</summary>
    public void RequestShutdown() => Stop(StopReason.GuestShutdown, 0);

    /// <summary>Stops the run loop at the next slice boundary (thread-safe for HostRequest).</summary>
    public void Stop(StopReason reason, int exitCode)
    {
        if (StopReason == StopReason.None)
        {
            StopReason = reason;
            ExitCode = exitCode;
        }
        stopRequested = true;
        foreach (var cpu in cpus) cpu.RequestExit();
    }

    /// <summary>
    /// Runs until the guest exits, the host cancels, or <paramref name="maxInstructions"/> have run.
    /// Returns the exit code (semihosting exit status, else 0).
    /// </summary>
    public int Run(CancellationToken cancel = default, long maxInstructions = long.MaxValue)
    {
        if (StopReason == StopReason.InstructionLimit)
        {
            // Resuming after an instruction limit.
            StopReason = StopReason.None;
            stopRequested = false;
        }
        CancelToken = cancel;
        using var reg = cancel.Register(() => Stop(StopReason.HostRequest, 0));
        long start = Executed;
        while (!stopRequested)
        {
            FeedConsole();
            BetweenSlices?.Invoke();
            Clock.RunDueEvents();
            if (resetRequested)
            {
                resetRequested = false;
                if (config.NoReboot)
                {
                    Stop(StopReason.GuestReset, 0);
                    break;
                }
                SystemReset();
                continue;
            }
            if (stopRequested) break;
            long left = maxInstructions - (Executed - start);
            if (left <= 0)
            {
                Stop(StopReason.InstructionLimit, 0);
                break;
            }

            if (!RunRound(left))
            {
                FlushOutput();
                if (!Idle(cancel)) break;
                continue;
            }
            FlushOutput();
        }
        FlushOutput();
        return ExitCode;
    }

    /// <summary>Gives each CPU that is not waiting one turn of at most a quantum, firing the
    /// events that fall due after each turn. False when every CPU was waiting.</summary>
    bool RunRound(long left)
    {
        bool ranAny = false;
        for (int i = 0; i < cpus.Length && left > 0; i++)
        {
            var cpu = cpus[i];
            if (cpu.WaitingForInterrupt) continue;
            CurrentCpuIndex = i;
            long budget = Math.Min(Math.Min(Clock.InstructionsUntilNextEvent(quantum), quantum), left);
            left -= cpu.Run(budget);
            ranAny = true;
            if (stopRequested || resetRequested) break;
            if (cpus.Length > 1) Clock.RunDueEvents();
        }
        CurrentCpuIndex = 0;
        return ranAny;
    }

    /// <summary>Every CPU sleeps: jump virtual time to the next event, or wait for host input.</summary>
    bool Idle(CancellationToken cancel)
    {
        long? next = Clock.NextDeadline;
        if (next is not null && OnlyHostCanWake?.Invoke() != true)
        {
            Clock.AdvanceTo(next.Value);
            return true;
        }
        // Nothing scheduled: only the host can wake the machine.
        var input = ConsoleInput;
        if (input is null)
        {
            cancel.WaitHandle.WaitOne(50);
        }
        else
        {
            WaitHandle.WaitAny([input.DataAvailable, cancel.WaitHandle], 50);
        }
        return !stopRequested;
    }

    void FeedConsole()
    {
        var input = ConsoleInput;
        if (input is null || Uarts.Count == 0) return;
        var uart = Uarts[0];
        while (uart.CanReceive && input.TryRead(out byte b)) uart.Receive(b);
    }

    void FlushOutput()
    {
        foreach (var s in config.Serial) s.Flush();
        config.SemihostingConsole?.Flush();
        config.HostStdout?.Flush();
        config.HostStderr?.Flush();
    }

    public void Dispose()
    {
        foreach (var cpu in cpus) cpu.Dispose();
        Bus.Dispose();
    }
}
