using System.Buffers.Binary;
using Cloister.Arm;

namespace Cloister.Hypervisor.Memory;

/// <summary>
/// The hypervisor's view of machine (physical) memory: it owns the MMU, so it addresses RAM
/// physically, the way a real port does through its own identity mapping. RAM is reached through
/// the bus's RAM pages; nothing else is memory.
/// </summary>
public sealed unsafe class MachineMemory(IPhysicalBus bus)
{
    public IPhysicalBus Bus { get; } = bus;

    byte* Pointer(uint address)
    {
        byte* page = Bus.GetRamPage(address & ~0xFFFu);
        return page == null ? null : page + (address & 0xFFF);
    }

    public bool IsRam(uint address) => Bus.GetRamPage(address & ~0xFFFu) != null;

    public bool TryRead32(uint address, out uint value)
    {
        value = 0;
        if ((address & 3) != 0) return false;
        byte* p = Pointer(address);
        if (p == null) return false;
        value = *(uint*)p;
        return true;
    }

    public void Write32(uint address, uint value)
    {
        byte* p = Pointer(address) ;
        if (p == null || (address & 3) != 0) throw new InvalidOperationException($"machine write outside RAM at 0x{address:x8}");
        *(uint*)p = value;
    }

    /// <summary>Copies bytes out of RAM; false when any part is not RAM.</summary>
    public bool TryRead(uint address, Span<byte> dest)
    {
        for (int done = 0; done < dest.Length;)
        {
            uint a = address + (uint)done;
            byte* p = Pointer(a);
            if (p == null) return false;
            int chunk = Math.Min(dest.Length - done, (int)(0x1000 - (a & 0xFFF)));
            new ReadOnlySpan<byte>(p, chunk).CopyTo(dest.Slice(done, chunk));
            done += chunk;
        }
        return true;
    }

    /// <summary>Copies bytes into RAM; false when any part is not RAM.</summary>
    public bool TryWrite(uint address, ReadOnlySpan<byte> src)
    {
        for (int done = 0; done < src.Length;)
        {
            uint a = address + (uint)done;
            byte* p = Pointer(a);
            if (p == null) return false;
            int chunk = Math.Min(src.Length - done, (int)(0x1000 - (a & 0xFFF)));
            src.Slice(done, chunk).CopyTo(new Span<byte>(p, chunk));
            done += chunk;
        }
        return true;
    }

    public void Clear(uint address, uint length)
    {
        for (uint done = 0; done < length;)
        {
            uint a = address + done;
            byte* p = Pointer(a);
            if (p == null) throw new InvalidOperationException($"machine clear outside RAM at 0x{a:x8}");
            uint chunk = Math.Min(length - done, 0x1000 - (a & 0xFFF));
            new Span<byte>(p, (int)chunk).Clear();
            done += chunk;
        }
    }

    public static uint ReadWord(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(s[offset..]);
}
