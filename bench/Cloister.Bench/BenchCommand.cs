using Cloister.Arm;

namespace Cloister.Bench;

/// <summary>The bench driver: measures every workload on both emulators and prints a table.</summary>
public static class BenchCommand
{
    public static int Run(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("usage: dotnet run -c Release --project bench/Cloister.Bench [--repeat N] [--engine interpreter|translator|both] [--clock wall|cpu] [WORKLOAD...]");
            Console.WriteLine("Runs each workload (and linux-boot) under Cloister and qemu-system-arm, best of N (default 3).");
            Console.WriteLine("--engine picks Cloister's execution engine (default: CLOISTER_ENGINE, else the translator).");
            Console.WriteLine("--clock cpu times each emulator's process CPU time instead of wall time (for a busy machine).");
            return 0;
        }
        int repeat = 3;
        var names = new List<string>();
        var engines = new List<ExecutionEngine> { ArmCpu.DefaultEngine };
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--repeat" && i + 1 < args.Length && int.TryParse(args[++i], out int r) && r > 0) repeat = r;
            else if (args[i] == "--engine" && i + 1 < args.Length && ParseEngines(args[++i]) is { } e) engines = e;
            else if (args[i] == "--clock" && i + 1 < args.Length && args[i + 1] is "wall" or "cpu") BenchClock.Cpu = args[++i] == "cpu";
            else if (args[i].StartsWith('-')) { Console.Error.WriteLine($"bench: unknown option {args[i]}"); return 2; }
            else names.Add(args[i]);
        }
        string root = FindRoot();
        var workloads = names.Count == 0 ? Workload.All : Workload.All.Where(w => names.Contains(w.Name)).ToArray();
        bool linuxBoot = names.Count == 0 || names.Contains(LinuxBootBench.Name);
        if (workloads.Length == 0 && !linuxBoot) { Console.Error.WriteLine("bench: no such workload"); return 2; }

        Console.WriteLine($"{"workload",-15} {"engine",-11} {"guest insns",14} {"Cloister MIPS",14} {"QEMU MIPS",10} {"ratio",7}");
        foreach (var w in workloads)
        {
            string elf = w.ElfPath(root);
            Console.Error.WriteLine($"bench: {w.Name}: {w.Description}");
            var results = new List<(ExecutionEngine Engine, Measurement Small, Measurement Large)>();
            foreach (var engine in engines)
            {
                ArmCpu.DefaultEngine = engine;
                results.Add((engine, Best(repeat, () => CloisterRunner.Run(elf, w.SmallIterations)),
                    Best(repeat, () => CloisterRunner.Run(elf, w.LargeIterations))));
            }
            var (_, small, large) = results[0];
            double qSmall = Enumerable.Range(0, repeat).Min(_ => QemuRunner.Seconds(elf, w.SmallIterations));
            double qLarge = Enumerable.Range(0, repeat).Min(_ => QemuRunner.Seconds(elf, w.LargeIterations));
            // Same image, same iterations: QEMU retires the same instructions as Cloister counted.
            double qemu = Rate.InstructionsPerSecond(new(small.Instructions, qSmall), new(large.Instructions, qLarge));
            foreach (var (engine, s, l) in results)
            {
                if (s.Instructions != small.Instructions || l.Instructions != large.Instructions)
                    throw new InvalidOperationException($"{w.Name}: {engine} retired a different number of instructions");
                double cloister = Rate.InstructionsPerSecond(s, l);
                Console.WriteLine($"{w.Name,-15} {engine.ToString().ToLowerInvariant(),-11} {l.Instructions - s.Instructions,14:N0} {cloister / 1e6,14:F1} {qemu / 1e6,10:F1} {cloister / qemu,7:F3}");
            }
        }
        if (linuxBoot)
        {
            Console.Error.WriteLine($"bench: {LinuxBootBench.Name}: Linux 6.1 versatile to its shell (the cloister command, default engine)");
            LinuxBootBench.Run(root, repeat);
        }
        return 0;
    }

    static List<ExecutionEngine>? ParseEngines(string name) => name.ToLowerInvariant() switch
    {
        "interpreter" => [ExecutionEngine.Interpreter],
        "translator" => [ExecutionEngine.Translator],
        "both" => [ExecutionEngine.Interpreter, ExecutionEngine.Translator],
        _ => null,
    };

    static Measurement Best(int repeat, Func<Measurement> run)
    {
        var best = run();
        for (int i = 1; i < repeat; i++)
        {
            var m = run();
            if (m.Seconds < best.Seconds) best = m;
        }
        return best;
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cloister.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
