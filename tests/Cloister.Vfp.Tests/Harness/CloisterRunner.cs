using Cloister.Platform.Bus;
using Cloister.Arm;

namespace Cloister.Vfp.Tests.Harness;

/// <summary>Runs a test ELF on Cloister's CPU alone: RAM at 0, the ELF loaded where QEMU puts it,
/// entered in SVC mode, semihosting caught by a hook. Returns the semihosting output.</summary>
public static class CloisterRunner
{
    const uint RamSize = 128u << 20;

    public static string Run(string elfPath, CpuModel model, long maxInstructions = 50_000_000)
    {
        var elf = ElfImage.Read(elfPath);
        using var bus = new PhysicalBus(0, RamSize); // RAM only: any other access faults
        foreach (var (address, bytes) in elf.Segments) bus.WriteBytes(address, bytes);
        using var cpu = new ArmCpu(model, bus);
        var hook = new SemihostingHook();
        cpu.ExceptionHook = hook;
        cpu.Pc = elf.Entry;
        long executed = 0;
        while (!hook.Exited && executed < maxInstructions)
            executed += cpu.Run(100_000);
        if (!hook.Exited)
            throw new TimeoutException($"{elfPath} did not exit within {maxInstructions} instructions; pc 0x{cpu.Pc:x8}");
        return hook.Output.ToString();
    }
}
