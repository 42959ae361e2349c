using Cloister.Cli.Control;

namespace Cloister.Cli.Commands;

/// <summary>
/// `cloister xl`: Xen's xl commands against a running `cloister run`, through its control socket.
/// Output formats and messages follow Xen's tools/xl; every request is executed as dom0 and
/// checked by the policy like the hypercalls libxl would make.
/// </summary>
public sealed class XlCommand : ICommand
{
    public string Name => "xl";
    public string Summary => "control a running 'cloister run' as Xen's xl does (list, pause, destroy, top, setenforce...)";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? socket = null;
        int i = 0;
        for (; i < args.Length && args[i].StartsWith('-'); i++)
        {
            switch (args[i])
            {
                case "-h" or "--help": PrintHelp(stdout); return 0;
                case "--socket":
                    socket = i + 1 < args.Length ? args[++i] : throw new UsageException("--socket needs a value");
                    break;
                default: throw new UsageException($"unknown option '{args[i]}' (see 'cloister xl --help')");
            }
        }
        if (i == args.Length) { PrintHelp(stderr); return 2; }
        var session = new XlSession(socket ?? FindSocket(), stdout, stderr);
        return session.Run(args[i], args[(i + 1)..]);
    }

    static string FindSocket()
    {
        var running = ControlDirectory.RunningSockets();
        return running.Count switch
        {
            1 => running[0],
            0 => throw new UsageException($"no running 'cloister run' instance (no control socket in {ControlDirectory.Path})", 1),
            _ => throw new UsageException(
                $"{running.Count} 'cloister run' instances are running; choose one with --socket: {string.Join(", ", running)}", 1),
        };
    }

    static void PrintHelp(TextWriter w)
    {
        w.WriteLine("usage: cloister xl [--socket PATH] COMMAND [ARGS]");
        w.WriteLine("Controls a running 'cloister run' (the only one, or the one whose control socket is PATH) as dom0:");
        w.WriteLine("  list [-Z] [-l]       list the domains (-Z: with their security labels; -l: their configurations, JSON)");
        w.WriteLine("  pause DOMAIN         pause a domain's execution");
        w.WriteLine("  unpause DOMAIN       unpause a paused domain");
        w.WriteLine("  destroy DOMAIN       terminate a domain immediately");
        w.WriteLine("  shutdown DOMAIN      shut a domain down (poweroff)");
        w.WriteLine("  create [-c] [-p] CFG [KEY=VALUE...]  build a domain from an xl.cfg file (-c: attach its console; -p: leave it paused)");
        w.WriteLine("  console DOMAIN       attach to a domain's console (Ctrl+] detaches)");
        w.WriteLine("  reboot DOMAIN        reboot a domain (its on_reboot action runs: restart by default)");
        w.WriteLine("  getenforce           print the FLASK enforcing mode");
        w.WriteLine("  setenforce MODE      set it: 1, 0, Enforcing or Permissive");
        w.WriteLine("  getbool NAME|-a      print a FLASK boolean (or all of them)");
        w.WriteLine("  setbool NAME VALUE   set and commit a boolean: 1, 0, on, off, true, false");
        w.WriteLine("  loadpolicy FILE      load a FLASK policy (booleans keep their values)");
        w.WriteLine("  top [-b] [-d S] [-i N] [-f]  a live table of the domains, as xentop");
        w.WriteLine("  dmesg                print the hypervisor console");
        w.WriteLine("  info                 print information about the host");
        w.WriteLine("DOMAIN is a domain's name or id.");
    }
}
