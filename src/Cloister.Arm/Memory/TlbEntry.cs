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
    public const uint Invalid = 1;

    public uint Tag;
    public uint PhysicalPage;
    /// <summary>Host address minus virtual address, so host = Addend + va.</summary>
    public nint Addend;
}
