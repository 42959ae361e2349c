using Cloister.Hypervisor.Memory;

namespace Cloister.Hypervisor.Domains;

/// <summary>
/// A domain's memory as the hypervisor sees it: guest virtual address = pseudo-physical frame
/// number × 4 KiB, each pseudo-physical frame backed by one machine frame the domain owns.
/// Every guest pointer a hypercall receives is translated here, never through whatever the
/// CPU's MMU holds at the moment, so a guest can only ever name its own frames. A page mapped
/// read-only (a read-only grant) can be read through here but never written: the hypervisor
/// must not write, on the guest's behalf, where the guest itself may not.
/// </summary>
public sealed class GuestMemory(MachineMemory machine, uint[] pseudoToMachine)
{
    public const uint NoFrame = uint.MaxValue;

    /// <summary>Pseudo-physical frame → machine frame (NoFrame where nothing is mapped).</summary>
    public uint[] PseudoToMachine { get; } = pseudoToMachine;

    public uint SizeBytes => (uint)PseudoToMachine.Length << 12;

    readonly bool[] readOnly = new bool[pseudoToMachine.Length];

    /// <summary>Marks a pseudo-physical page read-only to the guest (and so to hypercalls acting for it).</summary>
    public void SetReadOnly(uint pfn, bool value) => readOnly[pfn] = value;

    public bool IsReadOnly(uint pfn) => pfn < readOnly.Length && readOnly[pfn];

    public bool TryTranslate(uint va, out uint machineAddress)
    {
        machineAddress = 0;
        uint pfn = va >> 12;
        if (pfn >= PseudoToMachine.Length || PseudoToMachine[pfn] == NoFrame) return false;
        machineAddress = (PseudoToMachine[pfn] << 12) | (va & 0xFFF);
        return true;
    }

    public bool TryRead(uint va, Span<byte> dest)
    {
        for (int done = 0; done < dest.Length;)
        {
            uint a = va + (uint)done;
            if (a < va || !TryTranslate(a, out uint ma)) return false;
            int chunk = Math.Min(dest.Length - done, (int)(0x1000 - (a & 0xFFF)));
            if (!machine.TryRead(ma, dest.Slice(done, chunk))) return false;
            done += chunk;
        }
        return true;
    }

    public bool TryWrite(uint va, ReadOnlySpan<byte> src)
    {
        for (int done = 0; done < src.Length;)
        {
            uint a = va + (uint)done;
            if (a < va || !TryTranslate(a, out uint ma) || readOnly[a >> 12]) return false;
            int chunk = Math.Min(src.Length - done, (int)(0x1000 - (a & 0xFFF)));
            if (!machine.TryWrite(ma, src.Slice(done, chunk))) return false;
            done += chunk;
        }
        return true;
    }

    public bool TryRead32(uint va, out uint value)
    {
        Span<byte> b = stackalloc byte[4];
        value = 0;
        if (!TryRead(va, b)) return false;
        value = BitConverter.ToUInt32(b);
        return true;
    }
}
