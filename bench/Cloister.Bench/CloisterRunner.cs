using Cloister.Platform;
using Cloister.Platform.Devices;

namespace Cloister.Bench;

/// <summary>Runs a workload on Cloister's versatilepb machine in this process.</summary>
public static class CloisterRunner
{
    public static Measurement Run(string elf, int iterations)
    {
        var config = new MachineConfig
        {
            Board = "versatilepb",
            Cpu = "arm926",
            RamSize = 128u << 20,
            Kernel = elf,
            Append = "x " + iterations,
            Semihosting = true,
        };
        // The previous run's machine (RAM, code-cache tables, translations) is garbage now: collect
        // it here rather than inside this run's timed part (a background GC counts as CPU time).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var machine = new Machine(config);
        machine.Boot();
        var elapsed = BenchClock.StartInProcess();
        int exit = machine.Run();
        double seconds = elapsed();
        if (exit != 0 || machine.StopReason != StopReason.SemihostingExit)
            throw new InvalidOperationException($"{Path.GetFileName(elf)} stopped with {machine.StopReason}, exit {exit}");
        return new Measurement(machine.Executed, seconds);
    }
}
