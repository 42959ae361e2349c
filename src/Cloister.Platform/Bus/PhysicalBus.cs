using System.Runtime.InteropServices;
using Cloister.Arm;

namespace Cloister.Platform.Bus;

/// <summary>
/// The board's physical address space: one pinned main RAM block, optional small extra RAM
/// blocks elsewhere (e.g. RealView's page for the secondary CPUs' boot code), and a sorted map
/// of device windows.
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
    ExtraRam[] extraRam = [];

    /// <summary>A RAM block outside the main one: rarely used, so looked up after it.</summary>
    readonly record struct ExtraRam(uint Base, uint Size, nint Host);

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

    public bool IsRam(uint address, uint length = 1) => HostPointer(address, length) != null;

    /// <summary>Adds a zeroed RAM block at <paramref name="baseAddress"/> (4 KiB multiples; no
    /// overlap with RAM or devices), as QEMU boards add small extra RAM regions.</summary>
    public void AddRam(uint baseAddress, uint size)
    {
        if ((baseAddress & PageMask) != 0 || (size & PageMask) != 0 || size == 0)
            throw new ArgumentException("RAM base and size must be non-zero multiples of 4 KiB");
        if (RangesOverlap(baseAddress, size, RamBase, RamSize) || extraRam.Any(r => RangesOverlap(baseAddress, size, r.Base, r.Size))
            || mappings.Any(m => RangesOverlap(baseAddress, size, m.Base, m.Size)))
            throw new ArgumentException($"RAM at 0x{baseAddress:x8} overlaps another region");
        var host = (byte*)NativeMemory.AlignedAlloc(size, 4096);
        NativeMemory.Clear(host, size);
        extraRam = [.. extraRam, new ExtraRam(baseAddress, size, (nint)host)];
    }

    /// <summary>Host address of guest RAM [address, address+length), or null when the range is
    /// not inside one RAM block.</summary>
    byte* HostPointer(uint address, uint length)
    {
        uint offset = address - RamBase;
        if (offset < RamSize && length <= RamSize - offset) return ram + offset;
        foreach (var r in extraRam)
        {
            offset = address - r.Base;
            if (offset < r.Size && length <= r.Size - offset) return (byte*)r.Host + offset;
        }
        return null;
    }

    /// <summary>Maps a device window; windows may not overlap RAM or each other.</summary>
    public void Map(uint baseAddress, uint size, IMmioDevice device)
    {
        if (size == 0) throw new ArgumentException("empty mapping");
        var m = new Mapping(baseAddress, size, device);
        if (m.Last < m.Base) throw new ArgumentException("mapping wraps the address space");
        if (RangesOverlap(baseAddress, size, RamBase, RamSize) || extraRam.Any(r => RangesOverlap(baseAddress, size, r.Base, r.Size)))
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
        return HostPointer(pageAddress & ~PageMask, 1u << PageShift);
    }

    public bool Read(uint address, int size, out uint value)
    {
        byte* host = HostPointer(address, (uint)size);
        if (host != null)
        {
            value = size switch { 1 => *host, 2 => *(ushort*)host, _ => *(uint*)host };
            return true;
        }
        var m = Find(address);
        if (m is not null) return m.Device.Read(address - m.Base, size, out value);
        value = 0;
        return Unassigned(address, size, "read");
    }

    public bool Write(uint address, int size, uint value)
    {
        byte* host = HostPointer(address, (uint)size);
        if (host != null)
        {
            switch (size)
            {
                case 1: *host = (byte)value; break;
                case 2: *(ushort*)host = (ushort)value; break;
                default: *(uint*)host = value; break;
            }
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

    /// <summary>Copies bytes into RAM (loaders). Throws when the range is not all RAM.</summary>
    public void WriteBytes(uint address, ReadOnlySpan<byte> data)
    {
        if (data.Length == 0) return;
        byte* host = HostPointer(address, (uint)data.Length);
        if (host == null)
            throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:x8}+0x{data.Length:x} is not RAM");
        data.CopyTo(new Span<byte>(host, data.Length));
    }

    public void ReadBytes(uint address, Span<byte> dest)
    {
        if (dest.Length == 0) return;
        byte* host = HostPointer(address, (uint)dest.Length);
        if (host == null)
            throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:x8}+0x{dest.Length:x} is not RAM");
        new Span<byte>(host, dest.Length).CopyTo(dest);
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
        foreach (var r in extraRam) NativeMemory.AlignedFree((void*)r.Host);
        extraRam = [];
    }
}
