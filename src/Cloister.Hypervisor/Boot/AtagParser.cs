using System.Text;
using Cloister.Hypervisor.Memory;

namespace Cloister.Hypervisor.Boot;

/// <summary>
/// Reads the ATAG list the boot loader left in RAM (arch/arm/include/uapi/asm/setup.h):
/// each tag is {u32 size in words, u32 tag, data}; the list ends with ATAG_NONE.
/// Every size is checked against RAM so a corrupt list cannot run away.
/// </summary>
public static class AtagParser
{
    public const uint Core = 0x54410001, Mem = 0x54410002, Initrd2 = 0x54420005, Cmdline = 0x54410009, None = 0;
    const int MaxTags = 256;

    public static void Parse(MachineMemory memory, uint address, BootInfo info)
    {
        if (!memory.TryRead32(address, out uint first))
            throw new BootException($"boot tags at 0x{address:x8} are not in RAM");
        if (!memory.TryRead32(address + 4, out uint firstTag) || firstTag != Core)
            throw new BootException($"no ATAG_CORE at 0x{address:x8} and no device tree (magic 0xd00dfeed): no boot information");

        uint at = address;
        for (int n = 0; n < MaxTags; n++)
        {
            if (!memory.TryRead32(at, out uint words) || !memory.TryRead32(at + 4, out uint tag))
                throw new BootException($"boot tag at 0x{at:x8} runs out of RAM");
            if (tag == None) return;
            if (words < 2 || words > 0x4000)
                throw new BootException($"boot tag 0x{tag:x8} at 0x{at:x8} has a bad size ({words} words)");
            var data = new byte[(words - 2) * 4];
            if (!memory.TryRead(at + 8, data))
                throw new BootException($"boot tag 0x{tag:x8} at 0x{at:x8} runs out of RAM");
            switch (tag)
            {
                case Mem when data.Length >= 8:
                    info.Memory.Add(new MemoryBank(MachineMemory.ReadWord(data, 4), MachineMemory.ReadWord(data, 0)));
                    break;
                case Initrd2 when data.Length >= 8:
                    info.InitrdStart = MachineMemory.ReadWord(data, 0);
                    info.InitrdSize = MachineMemory.ReadWord(data, 4);
                    break;
                case Cmdline:
                    int end = Array.IndexOf(data, (byte)0);
                    info.CommandLine = Encoding.ASCII.GetString(data, 0, end < 0 ? data.Length : end);
                    break;
            }
            at += words * 4;
        }
        throw new BootException("boot tag list has no ATAG_NONE");
    }
}
