using Cloister.Arm;
using Cloister.Platform;
using Cloister.Platform.Bus;
using Cloister.Platform.Time;

namespace Cloister.Platform.Tests;

/// <summary>A fake instruction counter to drive a VirtualClock without a CPU.</summary>
public sealed class FakeTime
{
    public long Instructions;

    public VirtualClock Clock { get; }

    public FakeTime(int shift = 0) => Clock = new VirtualClock(() => Instructions, shift);

    /// <summary>Advances time by <paramref name="ns"/> (shift 0: one instruction per ns) firing due events.</summary>
    public void Advance(long ns)
    {
        long target = Clock.NowNs + ns;
        while (true)
        {
            long? next = Clock.NextDeadline;
            if (next is null || next.Value > target) break;
            Instructions += (next.Value - Clock.NowNs) >> Clock.Shift;
            Clock.RunDueEvents();
        }
        Instructions += (target - Clock.NowNs) >> Clock.Shift;
        Clock.RunDueEvents();
    }
}

/// <summary>Records the level of each input it is given.</summary>
public sealed class RecordingSink : IIrqSink
{
    public readonly bool[] Levels = new bool[64];
    public int Changes;

    public void SetInput(int line, bool level)
    {
        Levels[line] = level;
        Changes++;
    }
}

public sealed class CollectingLog
{
    public readonly List<string> Lines = [];

    public Logger Logger(LogFlags mask = LogFlags.GuestErrors | LogFlags.Unimplemented) => new(Lines.Add, mask);
}

public static class Oracle
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Oracle");

    public static string File(string name) => Path.Combine(Dir, name);

    public static byte[] Bytes(string name) => System.IO.File.ReadAllBytes(File(name));

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Cloister.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }
}

/// <summary>32-bit register access for device tests (<c>using static</c>): every access must be accepted.</summary>
public static class Mmio
{
    public static uint R(IMmioDevice d, uint off)
    {
        Assert.True(d.Read(off, 4, out uint v));
        return v;
    }

    public static void W(IMmioDevice d, uint off, uint v) => Assert.True(d.Write(off, 4, v));
}
