using Cloister.Arm;
using Cloister.Cli.Control;
using Cloister.Cli.Machine;
using Cloister.Hypervisor.Boot;
using Cloister.Platform;
using Cloister.Platform.Boards;
using Cloister.Platform.Devices;
using Cloister.Toolstack;

namespace Cloister.Cli.Commands;

/// <summary>
/// `cloister run`: boots the hypervisor on a board with its domains. The hypervisor's boot image
/// and module bundle go through the board's ordinary Linux loader (-kernel/-initrd/-append);
/// the run ends when every domain has gone. While it runs, `cloister xl` reaches its dom0 through
/// a control socket (Control/ControlServer), unless <paramref name="serveControl"/> is false (the demo).
/// </summary>
public sealed class RunCommand(bool serveControl = true) : ICommand
{
    public string Name => "run";
    public string Summary => "boot the hypervisor with domains from xl.cfg files";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string board = "versatilepb", cpu = "", cmdline = "", boot = "atags";
        string? policyPath = null;
        ulong ram = 128u << 20;
        int smp = 1;
        var configs = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "-h" or "--help": PrintHelp(stdout); return 0;
                case "-M" or "-machine": board = Next(); break;
                case "-cpu": cpu = Next(); break;
                case "-m": ram = MachineArguments.ParseRamSize(Next()); break;
                case "-smp": smp = MachineArguments.ParseSmp(Next()); break;
                case "--policy": policyPath = Next(); break;
                case "--cmdline": cmdline = Next(); break;
                case "--boot":
                    boot = Next();
                    if (boot is not ("atags" or "dtb")) throw new UsageException($"--boot {boot}: expected atags or dtb");
                    break;
                default:
                    if (args[i].StartsWith('-')) throw new UsageException($"unknown option '{args[i]}' (see 'cloister run --help')");
                    configs.Add(args[i]);
                    break;
            }
        }
        if (configs.Count == 0) throw new UsageException("no domain configuration given (see 'cloister run --help')");
        var b = Board.Find(board) ?? throw new UsageException($"-M {board}: unsupported machine type");
        string cpuName = cpu.Length > 0 ? cpu : b.DefaultCpu;
        if (CpuModel.Find(cpuName) is null) throw new UsageException($"unable to find CPU model '{cpuName}'");
        if (smp > b.MaxCpus)
            throw new UsageException(b.TooManyCpusMessage(smp));
        if (ram > b.MaxRamSize) throw new UsageException(b.RamTooLargeMessage);

        List<DomainSpec> domains;
        try
        {
            domains = configs.Select(p => DomainSpec.From(XlConfig.Load(p), w => stderr.WriteLine(w))).ToList();
        }
        catch (XlConfigException e)
        {
            throw new UsageException(e.Message);
        }
        byte[] policy = policyPath is null ? DefaultPolicy.Load() : File.ReadAllBytes(policyPath);

        string work = Directory.CreateTempSubdirectory("cloister-run-").FullName;
        ControlServer? control = null;
        ConsoleSessions? consoles = null;
        try
        {
            string image = Path.Combine(work, "cloister.img"), bundle = Path.Combine(work, "modules.bin");
            File.WriteAllBytes(image, EntryStub.ToBytes());
            string? dtb = null;
            if (boot == "dtb")
            {
                dtb = Path.Combine(work, "boot.dtb");
                DeviceTreeBootFiles.Write(b, image, (uint)ram, domains, policy, cmdline, dtb, bundle);
            }
            else
            {
                File.WriteAllBytes(bundle, BootBundleBuilder.Build(domains, policy));
            }
            var config = new MachineConfig
            {
                Board = b.Name,
                Cpu = cpuName,
                RamSize = ram,
                Smp = smp,
                Kernel = image,
                Initrd = bundle,
                Append = dtb is null ? cmdline : null, // with a DTB, the command line is in /chosen
                Dtb = dtb,
                Semihosting = true, // the hypervisor halts the machine through semihosting SYS_EXIT
                NoReboot = true,
            };
            config.Serial.Add(new TextWriterCharBackend(stdout));
            config.SemihostingConsole = new TextWriterCharBackend(stderr);
            using var machine = new Platform.Machine(config);
            var hypervisor = new Hypervisor.Hypervisor(machine.Cpu);
            var requests = new ControlRequests { Specs = Toolstack.Lifecycle.DomainRegistry.ForBoot(domains) };
            // dom0's services attach once the domains are built (they live as long as the hypervisor's events hold them).
            hypervisor.ControlReady += dom0 =>
            {
                _ = new Toolstack.XenStore.XenStored(dom0);
                var backend = new Toolstack.Consoles.ConsoleBackend(dom0);
                // xl's messages about shutdowns go to stderr as with `xl create -F`; the demo keeps them out of its output.
                _ = new Toolstack.Lifecycle.DomainLifecycle(dom0, requests.Specs, serveControl ? stderr.WriteLine : _ => { });
                requests.Dom0 = dom0;
                if (!serveControl) return;
                // The socket opens once there is a dom0 to answer: a client that connects is served.
                consoles = new ConsoleSessions(dom0, backend);
                machine.BetweenSlices += consoles.Pump;
                try
                {
                    control = new ControlServer(ControlDirectory.NewSocketPath(), requests.Execute) { ConsoleHandler = consoles.Accept };
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
                {
                    // The domains run all the same; only `cloister xl` cannot reach them.
                    stderr.WriteLine($"cloister run: no control socket: {e.Message}");
                    return;
                }
                machine.BetweenSlices += control.Drain;
                stderr.WriteLine($"cloister run: control socket {control.Path}");
                stderr.Flush();
            };
            foreach (var c in machine.Cpus) c.ExceptionHook = new ExceptionHookChain(c.ExceptionHook, hypervisor);
            machine.OnlyHostCanWake = () => hypervisor.OnlyHostCanWake;
            machine.Boot();
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
            Console.CancelKeyPress += onCancel;
            // A run in the background is usually ended by SIGTERM: stop as on Ctrl+C, so its control socket goes.
            using var onTerm = serveControl
                ? System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM,
                    c => { c.Cancel = true; cancel.Cancel(); })
                : null;
            try
            {
                int exit = machine.Run(cancel.Token);
                stdout.Flush();
                return exit;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }
        catch (Platform.Loaders.BootException e)
        {
            throw new UsageException(e.Message, 1);
        }
        finally
        {
            control?.Dispose();
            consoles?.Dispose();
            Directory.Delete(work, recursive: true);
        }
    }

    static void PrintHelp(TextWriter w)
    {
        w.WriteLine("usage: cloister run [-M versatilepb|realview-eb-mpcore] [-cpu CPU] [-smp N] [-m SIZE] [--policy FILE] [--cmdline \"HYPERVISOR ARGS\"] [--boot atags|dtb] DOMAIN.cfg...");
        w.WriteLine("Boots the Cloister hypervisor on the board with the domains described by the xl.cfg files,");
        w.WriteLine("prints the hypervisor and guest consoles, and exits when every domain has gone:");
        w.WriteLine("status 0 when all powered off, non-zero otherwise. While it runs, 'cloister xl' controls it");
        w.WriteLine("through a control socket whose path it prints on stderr.");
        w.WriteLine("--boot dtb passes a device tree (Xen's /chosen multiboot modules) instead of ATAGs and a module bundle.");
    }
}
