using System.Runtime.InteropServices;
using Cloister.Arm;

namespace Cloister.Arm.Tests;

/// <summary>A bus that is nothing but RAM from address 0, for tests of the CPU on its own.</summary>
sealed unsafe class RamOnlyBus : IPhysicalBus, IDisposable
{
    readonly uint size;
    public byte* Ram { get; }

    public RamOnlyBus(uint size)
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
