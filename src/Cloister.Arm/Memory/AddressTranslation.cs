namespace Cloister.Arm;

/// <summary>The outcome of translating one virtual address.</summary>
internal struct AddressTranslation
{
    public uint PhysicalAddress;
    /// <summary>FSR value when the access faults; 0 when it succeeds.</summary>
    public uint FaultStatus;
    /// <summary>True when the permission just checked holds for the whole 4 KiB page, so the
    /// software TLB may cache it (not so for tiny pages or mixed sub-page permissions).</summary>
    public bool WholePage;

    public readonly bool Faulted => FaultStatus != 0;
}
