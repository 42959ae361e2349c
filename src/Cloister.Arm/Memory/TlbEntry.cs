using System.Runtime.InteropServices;

namespace Cloister.Arm;

/// <summary>
/// One software-TLB entry: a virtual page that maps to host memory. <see cref="Tag"/> is the
/// page's virtual address (low bits clear), so a lookup compares it with the access address
/// masked by (page | alignment) bits: a misaligned access or another page misses.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TlbEntry
{
    /// <summary>Bit 2 set: no lookup tag (page | alignment bits 1:0) can equal it, so an invalid entry
    /// never hits, even for a misaligned access in page 0 (1 would match a word load from address 1).</summary>
    public const uint Invalid = 4;

    public uint Tag;
    public uint PhysicalPage;
    /// <summary>Host address minus virtual address, so host = Addend + va.</summary>
    public nint Addend;
}
