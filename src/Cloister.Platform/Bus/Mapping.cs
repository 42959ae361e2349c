namespace Cloister.Platform.Bus;

/// <summary>One device window on the physical bus.</summary>
public sealed record Mapping(uint Base, uint Size, IMmioDevice Device)
{
    public uint Last => Base + (Size - 1);

    public bool Contains(uint address) => address - Base < Size;
}
