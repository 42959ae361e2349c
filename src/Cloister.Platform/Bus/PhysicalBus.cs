using System.Runtime.InteropServices;
using Cloister.Arm;

namespace Cloister.Platform.Bus;

/// <summary>
/// The board's physical address space: one pinned RAM block and a sorted map of device windows.
/// Accesses that hit neither are bus errors: they fault (external abort) unless the board, like
/// QEMU's versatilepb, ignores transaction failures, in which case reads give 0 and writes vanish.
/// </summary>
public sealed unsafe class PhysicalBus : IPhysicalBus, IDisposable
{
    const int PageShift = 12;
    const uint PageMask = (1u << PageShift) - 1;

    Mapping[] mappings = [];
    Mapping? lastHit;
    byte* ram;

    public PhysicalBus(uint ramBase, uint ramSize)
    {
        if ((ramBase & PageMask) != 0 || (ramSize & PageMask) != 0 || ramSize == 0)
            throw new ArgumentException("RAM base and size must be non-zero multiples of 4 KiB");
        RamBase = ramBase;
        RamSize = ramSize;
        ram = (byte*)NativeMemory.AlignedAlloc(ramSize, 4096);
        NativeMemory.Clear(ram, ramSize);
    }

    public uint RamBase { get; }
    public uint RamSize { get; }

    /// <summary>True: unassigned addresses read 0 and ignore writes (QEMU's
    /// ignore_memory_transaction_failures). False: they fault.</summary>
    public bool IgnoreTransactionFailures { get; set; }

    /// <summary>Where guest_errors / unimp lines go.</summary>
    public Logger? Log { get; set; }

    public IReadOnlyList<Mapping> Mappings => mappings;

    /// <summary>The whole RAM block, for loaders and tests.</summary>
    public Span<byte> Ram => new(ram, checked((int)RamSize));

    public byte* RamPointer => ram;

    public bool IsRam(uint address, uint length = 1) =>
        address - RamBase < RamSize && length <= RamSize - (address - RamBase);

    /// <summary>Maps a device window; windows may not overlap RAM or each other.</summary>
    public void Map(uint baseAddress, uint size, IMmioDevice device)
    {
        if (size == 0) throw new ArgumentException("empty mapping");
        var m = new Mapping(baseAddress, size, device);
        if (m.Last < m.Base) throw new ArgumentException("mapping wraps the address space");
        if (RangesOverlap(baseAddress, size, RamBase, RamSize))
            throw new ArgumentException($"{device.Name} at 0x{baseAddress:x8} overlaps RAM");
        foreach (var other in mappings)
            if (RangesOverlap(baseAddress, size, other.Base, other.Size))
                throw new ArgumentException($"{device.Name} at 0x{baseAddress:x8} overlaps {other.Device.Name}");
        var list = new List<Mapping>(mappings) { m };
        list.Sort((a, b) => a.Base.CompareTo(b.Base));
        mappings = [.. list];
        lastHit = null;
    }

    static bool RangesOverlap(uint a, uint aSize, uint b, uint bSize) =>
        (ulong)a < (ulong)b + bSize && (ulong)b < (ulong)a + aSize;

    public Mapping? Find(uint address)
    {
        var hit = lastHit;
        if (hit is not null && hit.Contains(address)) return hit;
        var arr = mappings;
        int lo = 0, hi = arr.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            var m = arr[mid];
            if (address < m.Base) hi = mid - 1;
            else if (address > m.Last) lo = mid + 1;
            else { lastHit = m; return m; }
        }
        return null;
    }

    public byte* GetRamPage(uint pageAddress)
    {
        uint offset = pageAddress - RamBase;
        return offset < RamSize ? ram + (offset & ~PageMask) : null;
    }

    public bool Read(uint address, int size, out uint value)
    {
        if (IsRam(address, (uint)size))
        {
            value = ReadRam(address, size);
            return true;
        }
        var m = Find(address);
        if (m is not null) return m.Device.Read(address - m.Base, size, out value);
        value = 0;
        return Unassigned(address, size, "read");
    }

    public bool Write(uint address, int size, uint value)
    {
        if (IsRam(address, (uint)size))
        {
            WriteRam(address, size, value);
            return true;
        }
        var m = Find(address);
        if (m is not null) return m.Device.Write(address - m.Base, size, value);
        return Unassigned(address, size, "write");
    }

    bool Unassigned(uint address, int size, string what)
    {
        Log?.GuestError($"Invalid {what} at addr 0x{address:X}, size {size}, region '(null)', reason: rejected");
        return IgnoreTransactionFailures;
    }

    uint ReadRam(uint address, int size)
    {
        byte* p = ram + (address - RamBase);
        return size switch
        {
            1 => *p,
            2 => *(ushort*)p,
            _ => *(uint*)p,
        };
    }

    void WriteRam(uint address, int size, uint value)
    {
        byte* p = ram + (address - RamBase);
        switch (size)
        {
            case 1: *p = (byte)value; break;
            case 2: *(ushort*)p = (ushort)value; break;
            default: *(uint*)p = value; break;
        }
    }

    /// <summary>Copies bytes into RAM (loaders). Throws when the range is not all RAM.</summary>
    public void WriteBytes(uint address, ReadOnlySpan<byte> data)
    {
        if (data.Length == 0) return;
        if (!IsRam(address, (uint)data.Length))
            throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:x8}+0x{data.Length:x} is not RAM");
        data.CopyTo(new Span<byte>(ram + (address - RamBase), data.Length));
    }

    public void ReadBytes(uint address, Span<byte> dest)
    {
        if (dest.Length == 0) return;
        if (!IsRam(address, (uint)dest.Length))
            throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:x8}+0x{dest.Length:x} is not RAM");
        new Span<byte>(ram + (address - RamBase), dest.Length).CopyTo(dest);
    }

    public void WriteWord(uint address, uint value) =>
        WriteBytes(address, BitConverter.GetBytes(value));

    /// <summary>Copies little-endian words into RAM (test programs given as instruction words).</summary>
    public void WriteWords(uint address, ReadOnlySpan<uint> words) =>
        WriteBytes(address, System.Runtime.InteropServices.MemoryMarshal.AsBytes(words));

    public uint ReadWord(uint address)
    {
        Span<byte> b = stackalloc byte[4];
        ReadBytes(address, b);
        return BitConverter.ToUInt32(b);
    }

    public void ClearRam() => NativeMemory.Clear(ram, RamSize);

    public void ResetDevices()
    {
        foreach (var m in mappings) m.Device.Reset();
    }

    public void Dispose()
    {
        if (ram != null)
        {
            NativeMemory.AlignedFree(ram);
            ram = null;
        }
    }
}
