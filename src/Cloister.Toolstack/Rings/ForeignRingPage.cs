using Cloister.Hypervisor.Control;

namespace Cloister.Toolstack.Rings;

/// <summary>A ring page of a domain, reached through dom0's foreign mappings (each access checked by FLASK).</summary>
public sealed class ForeignRingPage(Dom0Services dom0, int domid, ulong pfn) : IRingPage
{
    public bool Read(int offset, Span<byte> dest) => dom0.ReadForeign(domid, pfn, offset, dest) == 0;
    public bool Write(int offset, ReadOnlySpan<byte> src) => dom0.WriteForeign(domid, pfn, offset, src) == 0;
}
