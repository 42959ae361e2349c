using System.Runtime.InteropServices;
using Cloister.Arm;

namespace Cloister.Arm.Bench;

/// <summary>Nothing but RAM from address 0: the CPU on its own, no devices.</summary>
sealed unsafe class RamBus : IPhysicalBus, IDisposable
{
    readonly uint size;
    public byte* Ram { get; }

    public RamBus(uint size)
    {
        this.size = size;
        Ram = (byte*)NativeMemory.AllocZeroed(size);
    }

    public byte* GetRamPage(uint pageAddress) => pageAddress < size ? Ram + pageAddress : null;
    public bool Read(uint address, int size, out uint value) { value = 0; return false; }
    public bool Write(uint address, int size, uint value) => false;

    public void Load(uint address, uint[] words)
    {
        for (int i = 0; i < words.Length; i++) ((uint*)(Ram + address))[i] = words[i];
    }

    public void Dispose() => NativeMemory.Free(Ram);
}
