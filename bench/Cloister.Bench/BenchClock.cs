using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Cloister.Bench;

/// <summary>
/// What a run's time is: wall-clock seconds (the default), or with <c>--clock cpu</c> the CPU time
/// the emulator's process used, which holds still on a machine shared with other work (both
/// sides are timed the same way: this process for Cloister, the reaped child for QEMU).
/// </summary>
public static partial class BenchClock
{
    public static bool Cpu { get; set; }

    /// <summary>Starts timing work done in this process.</summary>
    public static Func<double> StartInProcess() => Start(ProcessCpuSeconds);

    /// <summary>Starts timing a child process; call the result after the child has been waited for.</summary>
    public static Func<double> StartChild() => Start(ChildrenCpuSeconds);

    static Func<double> Start(Func<double> cpuSeconds)
    {
        if (!Cpu)
        {
            var watch = Stopwatch.StartNew();
            return () => watch.Elapsed.TotalSeconds;
        }
        double start = cpuSeconds();
        return () => cpuSeconds() - start;
    }

    static double ProcessCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    [StructLayout(LayoutKind.Sequential)]
    struct RUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long Max, Ix, Id, Is, Minflt, Majflt, Nswap, Inblock, Oublock, Msgsnd, Msgrcv, Nsignals, Nvcsw, Nivcsw;
    }

    const int RUsageChildren = -1;

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRUsage(int who, out RUsage usage);

    // User + system time of the terminated children this process has waited for.
    static double ChildrenCpuSeconds()
    {
        if (GetRUsage(RUsageChildren, out var u) != 0) throw new InvalidOperationException("getrusage failed");
        return u.UserSeconds + u.SystemSeconds + (u.UserMicroseconds + u.SystemMicroseconds) / 1e6;
    }
}
