using System.Runtime.InteropServices;
using Cloister.Arm;

namespace Cloister.ArmV6.Tests.Harness;

/// <summary>RAM from physical address 0 (the Versatile/PB's layout) and nothing else: reads of other
/// addresses return 0 and writes are ignored, so a stray device access cannot abort the test frame.</summary>
public sealed unsafe class RamBus : IPhysicalBus, IDisposable
{
    readonly byte* ram;
    public uint Size { get; }

    public RamBus(uint size)
    {
        Size = size;
        ram = (byte*)NativeMemory.AllocZeroed(size);
    }

    public byte* GetRamPage(uint pageAddress) => pageAddress < Size ? ram + pageAddress : null;
    public bool Read(uint address, int size, out uint value) { value = 0; return true; }
    public bool Write(uint address, int size, uint value) => true;

    public void Load(uint address, ReadOnlySpan<byte> data) => data.CopyTo(new Span<byte>(ram + address, data.Length));

    public void Dispose() => NativeMemory.Free(ram);
}
