using System.Runtime.InteropServices;
using Cloister.Arm;

namespace Cloister.Vfp.Tests.Harness;

/// <summary>A bus with RAM from address 0 and nothing else: all a VFP test program needs.</summary>
public sealed unsafe class RamBus : IPhysicalBus, IDisposable
{
    readonly byte* ram;
    readonly uint size;

    public RamBus(uint size)
    {
        this.size = size;
        ram = (byte*)NativeMemory.AllocZeroed(size);
    }

    public byte* GetRamPage(uint pageAddress) => pageAddress < size ? ram + pageAddress : null;

    public bool Read(uint address, int size, out uint value)
    {
        value = 0;
        return false;
    }

    public bool Write(uint address, int size, uint value) => false;

    public void Load(uint address, ReadOnlySpan<byte> bytes)
    {
        if ((ulong)address + (ulong)bytes.Length > size) throw new ArgumentOutOfRangeException(nameof(address));
        bytes.CopyTo(new Span<byte>(ram + address, bytes.Length));
    }

    public void Dispose() => NativeMemory.Free(ram);
}
