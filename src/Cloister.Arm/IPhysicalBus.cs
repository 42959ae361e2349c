namespace Cloister.Arm;

/// <summary>
/// The physical address space as the CPU sees it. A board implements it; the CPU never
/// knows which devices sit behind it.
/// </summary>
public unsafe interface IPhysicalBus
{
    /// <summary>
    /// Host pointer to the first byte of the 4 KiB RAM page at <paramref name="pageAddress"/>
    /// (4 KiB aligned), or null when that page is not RAM. RAM pages may be cached by the CPU's
    /// software TLB and read or written directly, so the pointer must stay valid for the bus's life.
    /// </summary>
    byte* GetRamPage(uint pageAddress);

    /// <summary>Device (non-RAM) read of 1, 2 or 4 bytes. False means the access faulted (external abort).</summary>
    bool Read(uint address, int size, out uint value);

    /// <summary>Device (non-RAM) write of 1, 2 or 4 bytes. False means the access faulted (external abort).</summary>
    bool Write(uint address, int size, uint value);
}
