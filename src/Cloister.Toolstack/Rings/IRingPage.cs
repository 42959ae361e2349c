namespace Cloister.Toolstack.Rings;

/// <summary>Access to one domain's ring page from dom0 (a foreign mapping): reads and writes at an offset.</summary>
public interface IRingPage
{
    bool Read(int offset, Span<byte> dest);
    bool Write(int offset, ReadOnlySpan<byte> src);
}
