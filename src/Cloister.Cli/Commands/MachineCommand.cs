using Cloister.Arm;
using Cloister.Cli.Machine;
using Cloister.Platform;
using Cloister.Platform.Boards;
using Cloister.Platform.Devices;
using Cloister.Platform.Loaders;

namespace Cloister.Cli.Commands;

/// <summary>
/// `cloister machine`: the bare board with QEMU's command line and behaviour — UART0 on stdout,
/// semihosting console on stderr, the semihosting exit code as the process exit code.
/// </summary>
public sealed class MachineCommand : ICommand
{
    public string Name => "machine";
    public string Summary => "run a bare board (QEMU's command line: -M versatilepb -kernel ...)";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = MachineArguments.Parse(args);
        if (a.Help)
        {
            PrintHelp(stdout);
            return 0;
        }
        if (a.ListMachines)
        {
            stdout.WriteLine("Supported machines are:");
            foreach (var b in Board.All) stdout.WriteLine($"{b.Name,-20} {b.Description}");
            return 0;
        }
        if (a.ListCpus)
        {
            stdout.WriteLine("Available CPUs:");
            foreach (var c in CpuModel.All) stdout.WriteLine($"  {c.Name}");
            return 0;
        }
        foreach (var w in a.Warnings) stderr.WriteLine($"cloister machine: warning: {w}");

        var board = Board.Find(a.Machine)
            ?? throw new UsageException($"-M {a.Machine}: unsupported machine type (use -M help to list)");
        string cpuName = a.Cpu ?? board.DefaultCpu;
        if (CpuModel.Find(cpuName) is null) throw new UsageException($"unable to find CPU model '{cpuName}'");
        if (a.RamSize is ulong ram && ram > board.MaxRamSize) throw new UsageException(board.RamTooLargeMessage);
        if (a.Smp > board.MaxCpus)
            throw new UsageException(board.TooManyCpusMessage(a.Smp));

        bool realConsole = ReferenceEquals(stdout, Console.Out);
        var disposables = new List<IDisposable>();
        RawTerminal? terminal = null;
        TextWriter? logWriter = null;
        try
        {
            // Host output streams: raw bytes to the real stdout/stderr, or chars to the writers.
            ICharBackend hostOut, hostErr;
            if (realConsole)
            {
                var outStream = new BufferedStream(Console.OpenStandardOutput(), 4096);
                var errStream = new BufferedStream(Console.OpenStandardError(), 4096);
                disposables.Add(outStream);
                disposables.Add(errStream);
                hostOut = new StreamCharBackend(outStream);
                hostErr = new StreamCharBackend(errStream);
            }
            else
            {
                hostOut = new TextWriterCharBackend(stdout);
                hostErr = new TextWriterCharBackend(stderr);
            }

            var config = new MachineConfig
            {
                Board = board.Name,
                Cpu = cpuName,
                RamSize = a.RamSize,
                Smp = a.Smp,
                Kernel = a.Kernel,
                Initrd = a.Initrd,
                Append = a.Append,
                Dtb = a.Dtb,
                Semihosting = a.Semihosting,
                NoReboot = a.NoReboot,
                IcountShift = a.IcountShift,
                LogMask = a.LogMask,
                SemihostingConsole = hostErr,
                HostStdout = hostOut,
                HostStderr = hostErr,
            };
            config.SemihostingArgs.AddRange(a.SemihostingArgs);
            if (realConsole)
            {
                config.HostStdinIsTty = !Console.IsInputRedirected;
                config.HostStdoutIsTty = !Console.IsOutputRedirected;
                config.HostStderrIsTty = !Console.IsErrorRedirected;
            }

            bool stdioUsed = false;
            var specs = a.Serial.Count > 0 ? a.Serial : [new SerialSpec("stdio")];
            foreach (var spec in specs)
            {
                switch (spec.Kind)
                {
                    case "stdio":
                        if (stdioUsed) throw new UsageException("-serial stdio: stdio can be used only once");
                        stdioUsed = true;
                        config.Serial.Add(hostOut);
                        break;
                    case "null":
                        config.Serial.Add(NullCharBackend.Instance);
                        break;
                    case "file":
                        FileStream fs;
                        try
                        {
                            fs = new FileStream(spec.Path!, FileMode.Create, FileAccess.Write, FileShare.Read);
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                        {
                            throw new UsageException($"-serial file:{spec.Path}: could not open: {e.Message}", 1);
                        }
                        disposables.Add(fs);
                        config.Serial.Add(new StreamCharBackend(fs));
                        break;
                }
            }

            // -d lines: to the -D file or stderr.
            if (a.LogMask != LogFlags.None || a.LogFile is not null)
            {
                if (a.LogFile is not null)
                {
                    try
                    {
                        var w = new StreamWriter(a.LogFile, append: false) { AutoFlush = true };
                        logWriter = w;
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                    {
                        throw new UsageException($"-D {a.LogFile}: could not open: {e.Message}", 1);
                    }
                }
                var sink = logWriter ?? stderr;
                config.LogSink = line =>
                {
                    hostErr.Flush();
                    sink.Write(line);
                    sink.Write('\n');
                    sink.Flush();
                };
            }

            IHostInput? stdinInput = null;
            if (realConsole && stdioUsed)
            {
                // Read file descriptor 0 directly: on a terminal, Console.OpenStandardInput() reads
                // through .NET's own line editor, which echoes what is typed (the guest then echoes
                // it again) and holds keys back until Enter.
                var stdin = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false), FileAccess.Read, 1);
                stdinInput = QueueInput.FromStream(stdin);
                config.SemihostingInput = stdinInput;
            }

            using var machine = CreateMachine(config);
            try
            {
                machine.Boot();
            }
            catch (BootException e)
            {
                throw new UsageException(e.Message, 1);
            }
            foreach (var w in machine.Image?.Warnings ?? []) stderr.WriteLine($"cloister machine: {w}");

            using var cts = new CancellationTokenSource();
            ConsoleCancelEventHandler? onCancel = null;
            if (realConsole)
            {
                onCancel = (_, e) =>
                {
                    e.Cancel = true;
                    cts.Cancel();
                };
                Console.CancelKeyPress += onCancel;
            }
            if (stdinInput is not null)
            {
                machine.ConsoleInput = new ConsoleEscape(stdinInput, () => machine.Stop(StopReason.HostRequest, 0));
                if (a.NoGraphic || a.Serial.Count == 0) terminal = RawTerminal.Enter();
            }

            int code;
            try
            {
                code = machine.Run(cts.Token);
            }
            catch (Exception e) when (e is not UsageException && Environment.GetEnvironmentVariable("CLOISTER_DEBUG") is null)
            {
                // An emulator bug, not a user error: one line (CLOISTER_DEBUG=1 shows the stack trace).
                throw new UsageException(
                    $"internal error at pc=0x{machine.Cpu.Pc:x8} after {machine.Executed} instructions: {e.GetType().Name}: {e.Message}", 70);
            }
            finally
            {
                if (onCancel is not null) Console.CancelKeyPress -= onCancel;
                hostOut.Flush();
                hostErr.Flush();
                terminal?.Dispose();
            }
            if (cts.IsCancellationRequested)
                stderr.WriteLine("cloister machine: terminating on signal 2");
            else if (machine.StopReason == StopReason.HostRequest)
                stderr.WriteLine("cloister machine: terminated");
            return code;
        }
        finally
        {
            terminal?.Dispose();
            logWriter?.Dispose();
            foreach (var d in disposables)
            {
                try { d.Dispose(); } catch (IOException) { }
            }
        }
    }

    static Platform.Machine CreateMachine(MachineConfig config)
    {
        try
        {
            return new Platform.Machine(config);
        }
        catch (BootException e)
        {
            throw new UsageException(e.Message, 1);
        }
    }

    static void PrintHelp(TextWriter w)
    {
        w.WriteLine("usage: cloister machine [options]   (QEMU's qemu-system-arm options)");
        w.WriteLine();
        w.WriteLine("  -M, -machine NAME[,key=value...]  board (default versatilepb; -M help lists them)");
        w.WriteLine("  -cpu NAME                         CPU model (default: the board's; -cpu help lists them)");
        w.WriteLine("  -m SIZE                           RAM size, QEMU syntax: 128M, 1G, 64 (MiB) (default 128M)");
        w.WriteLine("  -kernel FILE                      ELF, uImage or zImage/Image to boot");
        w.WriteLine("  -initrd FILE                      initial ramdisk (Linux images)");
        w.WriteLine("  -append STRING                    kernel command line");
        w.WriteLine("  -dtb FILE                         device tree blob (/memory and /chosen are rewritten)");
        w.WriteLine("  -nographic                        UART0 on stdio, terminal in raw mode (Ctrl-A x quits)");
        w.WriteLine("  -serial stdio|null|file:PATH      backend for the next serial port (UART0 first)");
        w.WriteLine("  -semihosting                      ARM semihosting (SVC 0x123456 / Thumb SVC 0xAB)");
        w.WriteLine("  -semihosting-config enable=on,arg=A...  semihosting options");
        w.WriteLine("  -no-reboot                        exit instead of resetting when the guest resets");
        w.WriteLine("  -d in_asm,int,unimp,guest_errors  log items");
        w.WriteLine("  -D FILE                           write the log to FILE instead of stderr");
        w.WriteLine("  -icount shift=N                   virtual time: 2^N ns per instruction (default 0)");
        w.WriteLine("  -monitor none, -display none      accepted (there is no monitor or display)");
        w.WriteLine();
        w.WriteLine("Exit code: the guest's semihosting exit code, else 0. Ctrl-C stops the machine.");
    }
}
