using Cloister.Platform.Bus;
using Cloister.Platform.Time;

namespace Cloister.Platform.Devices.MpCore;

/// <summary>
/// QEMU's "arm_mptimer" (hw/timer/arm_mptimer.c): one <see cref="MpTimerBlock"/> per CPU, seen
/// through 0x20-byte windows — <see cref="ThisCpu"/> reaches the block of the CPU making the
/// access, <see cref="Window"/>(n) reaches CPU n's block from any CPU. The arm11mpcore private
/// region instantiates it twice, as the timers and as the watchdogs (see
/// <see cref="MpCorePrivateMap"/>). Only 32-bit accesses are valid.
/// </summary>
public sealed class ArmMpTimer
{
    public const uint WindowSize = 0x20;

    readonly Func<int> currentCpu;
    readonly IMmioDevice[] windows;

    /// <param name="currentCpu">Index of the CPU making the access (for <see cref="ThisCpu"/>).</param>
    /// <param name="name">"mptimer" or "wdtimer", for the clock events and logs.</param>
    public ArmMpTimer(int cpuCount, VirtualClock clock, Func<int> currentCpu, Logger log, string name = "mptimer")
    {
        if (cpuCount is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(cpuCount), "num-cpu must be between 1 and 4");
        this.currentCpu = currentCpu;
        Blocks = new MpTimerBlock[cpuCount];
        windows = new IMmioDevice[cpuCount];
        for (int i = 0; i < cpuCount; i++)
        {
            Blocks[i] = new MpTimerBlock(clock, $"{name}.{i}", log);
            int cpu = i;
            windows[i] = new BlockWindow($"{name}.cpu{i}", () => Blocks[cpu], log, null);
        }
        ThisCpu = new BlockWindow($"{name}.this", CurrentBlock, log, Reset);
    }

    public MpTimerBlock[] Blocks { get; }

    public int CpuCount => Blocks.Length;

    /// <summary>The interrupt of CPU <paramref name="cpu"/>'s block (the board wires it to that
    /// CPU's PPI: 29 for the timer, 30 for the watchdog).</summary>
    public IrqLine Irq(int cpu) => Blocks[cpu].Irq;

    /// <summary>The window onto the accessing CPU's own block.</summary>
    public IMmioDevice ThisCpu { get; }

    /// <summary>The window onto CPU <paramref name="cpu"/>'s block.</summary>
    public IMmioDevice Window(int cpu) => windows[cpu];

    public void Reset()
    {
        foreach (var b in Blocks) b.Reset();
    }

    MpTimerBlock CurrentBlock()
    {
        int cpu = currentCpu();
        if ((uint)cpu >= (uint)Blocks.Length)
            throw new InvalidOperationException($"arm_mptimer: num-cpu {Blocks.Length} but this cpu is {cpu}!");
        return Blocks[cpu];
    }

    /// <summary>One 0x20-byte window. Resetting the "this CPU" window resets every block, so a bus
    /// that resets its mapped devices resets the timer once; the per-CPU windows do nothing.</summary>
    sealed class BlockWindow(string name, Func<MpTimerBlock> block, Logger log, Action? reset) : IMmioDevice
    {
        public string Name => name;

        public bool Read(uint offset, int size, out uint value)
        {
            value = 0;
            if (!Valid(offset, size, "read")) return true;
            value = block().Read(offset);
            return true;
        }

        public bool Write(uint offset, int size, uint value)
        {
            if (Valid(offset, size, "write")) block().Write(offset, value);
            return true;
        }

        // QEMU refuses other sizes before the device sees them; the realview boards ignore
        // the failed transaction, so a read gives 0 and a write is dropped.
        bool Valid(uint offset, int size, string what)
        {
            if (size == 4) return true;
            log.GuestError($"{name}: invalid {what} of size {size} at 0x{offset:x}");
            return false;
        }

        public void Reset() => reset?.Invoke();
    }
}
