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
/// A whole board: CPU, physical bus with RAM and devices, virtual clock, boot image. Runs the
/// CPU in slices bounded by the next timer event, fires due events, feeds host input to the
/// console UART, skips idle time while the CPU waits for an interrupt, and handles reset and
/// stop requests.
/// </summary>
public sealed class Machine : IDisposable
{
    /// <summary>Longest slice between looks at host input and stop requests.</summary>
    public const long MaxSlice = 1_000_000;

    readonly MachineConfig config;
    readonly List<IMmioDevice> devices = [];
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
        Cpu = new ArmCpu(model, Bus) { Log = config.LogSink, LogMask = config.LogMask };
        Clock = new VirtualClock(() => Cpu.Executed, config.IcountShift)
        {
            EarliestDeadlineChanged = Cpu.RequestExit,
        };
        CpuInterrupts = new CpuInterruptSink(Cpu);
        Board.Populate(this);

        if (config.Semihosting)
        {
            Semihosting = new Semihosting.SemihostingHandler(this,
                config.SemihostingConsole ?? NullCharBackend.Instance,
                config.SemihostingInput,
                config.HostStdout,
                config.HostStderr);
            Cpu.ExceptionHook = Semihosting;
        }
    }

    public Board Board { get; }
    public CpuModel CpuModel { get; }
    public MachineConfig Config => config;
    public uint RamSize { get; }
    public Logger Log { get; }
    public PhysicalBus Bus { get; }
    public ArmCpu Cpu { get; }
    public VirtualClock Clock { get; }
    public CpuInterruptSink CpuInterrupts { get; }
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
    public int ExitCode { get; private set; }

    /// <summary>Instructions retired (all slices).</summary>
    public long Executed => Cpu.Executed;

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

    /// <summary>QEMU's qemu_system_reset: devices, image blobs, CPU, entry point.</summary>
    public void SystemReset()
    {
        foreach (var d in devices) d.Reset();
        Cpu.Reset();
        if (Image is not null)
        {
            foreach (var blob in Image.Blobs) Bus.WriteBytes(blob.Address, blob.Data);
            Cpu.InvalidateCode(Bus.RamBase, Bus.RamSize);
            uint entry = Image.IsLinux ? Image.LoaderStart : Image.Entry;
            if ((entry & 1) != 0 && !Image.IsLinux)
            {
                Cpu.Cpsr |= 0x20; // Thumb entry point
                entry &= ~1u;
            }
            Cpu.Pc = entry;
        }
    }

    /// <summary>The guest asked for a system reset (e.g. SYS_RESETCTL).</summary>
    public void RequestReset()
    {
        resetRequested = true;
        Cpu.RequestExit();
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
        Cpu.RequestExit();
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
        long start = Cpu.Executed;
        while (!stopRequested)
        {
            FeedConsole();
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
            long left = maxInstructions - (Cpu.Executed - start);
            if (left <= 0)
            {
                Stop(StopReason.InstructionLimit, 0);
                break;
            }

            if (Cpu.WaitingForInterrupt)
            {
                FlushOutput();
                if (!Idle(cancel)) break;
                continue;
            }

            long budget = Math.Min(Clock.InstructionsUntilNextEvent(MaxSlice), left);
            Cpu.Run(budget);
            FlushOutput();
        }
        FlushOutput();
        return ExitCode;
    }

    /// <summary>The CPU sleeps: jump virtual time to the next event, or wait for host input.</summary>
    bool Idle(CancellationToken cancel)
    {
        long? next = Clock.NextDeadline;
        if (next is not null)
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
        Cpu.Dispose();
        Bus.Dispose();
    }
}
