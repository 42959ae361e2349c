using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices.MpCore;

/// <summary>
/// Layout of the arm11mpcore private region as QEMU maps it (hw/cpu/arm11mpcore.c,
/// 0x2000 bytes at PERIPHBASE, 0x10100000 on realview-eb-mpcore): SCU at 0, GIC CPU
/// interface of the accessing CPU at 0x100 and of CPU n at 0x200 + 0x100·n, timer and
/// watchdog of the accessing CPU at 0x600/0x620 and of CPU n at 0x700/0x720 + 0x100·n,
/// GIC distributor at 0x1000. The timer of CPU n is its PPI 29, the watchdog PPI 30.
/// </summary>
public static class MpCorePrivateMap
{
    public const uint Size = 0x2000;
    public const uint Scu = 0x000;
    public const uint GicCpuThis = 0x100;
    public const uint TimerThis = 0x600;
    public const uint WatchdogThis = 0x620;
    public const uint GicDistributor = 0x1000;
    public const int TimerPpi = 29, WatchdogPpi = 30;

    public static uint GicCpu(int cpu) => 0x200 + 0x100 * (uint)cpu;

    public static uint Timer(int cpu) => 0x700 + 0x100 * (uint)cpu;

    public static uint Watchdog(int cpu) => Timer(cpu) + 0x20;

    /// <summary>Maps the SCU and every timer and watchdog window under <paramref name="periphBase"/>
    /// through <paramref name="map"/> (base, size, device): a board passes its Machine.Add so the
    /// windows are reset with the machine (the "this CPU" window resets the whole timer). The
    /// GIC's windows are the board's to map at <see cref="GicCpuThis"/>, <see cref="GicCpu"/>
    /// and <see cref="GicDistributor"/>.</summary>
    public static void MapScuAndTimers(Action<uint, uint, IMmioDevice> map, uint periphBase, Arm11Scu scu,
        ArmMpTimer timers, ArmMpTimer watchdogs)
    {
        map(periphBase + Scu, Arm11Scu.Size, scu);
        map(periphBase + TimerThis, ArmMpTimer.WindowSize, timers.ThisCpu);
        map(periphBase + WatchdogThis, ArmMpTimer.WindowSize, watchdogs.ThisCpu);
        for (int i = 0; i < timers.CpuCount; i++)
        {
            map(periphBase + Timer(i), ArmMpTimer.WindowSize, timers.Window(i));
            map(periphBase + Watchdog(i), ArmMpTimer.WindowSize, watchdogs.Window(i));
        }
    }
}
