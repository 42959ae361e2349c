namespace Cloister.Platform.Bus;

/// <summary>
/// A memory-mapped device as the bus sees it: a window of registers. Offsets are relative to
/// the window's base; sizes are 1, 2 or 4 bytes. Devices return true for accesses they accept;
/// a device that wants the access to fault (external abort) returns false.
/// </summary>
public interface IMmioDevice
{
    /// <summary>Name used in logs (QEMU's type name where there is one).</summary>
    string Name { get; }

    bool Read(uint offset, int size, out uint value);

    bool Write(uint offset, int size, uint value);

    /// <summary>Power-on / system reset.</summary>
    void Reset();
}

/// <summary>A device whose registers are all 32-bit words; narrower accesses see the word's
/// low bits, as QEMU does for devices without access-size restrictions.</summary>
public abstract class WordDevice : IMmioDevice
{
    public abstract string Name { get; }

    public bool Read(uint offset, int size, out uint value)
    {
        value = ReadWord(offset);
        if (size < 4) value &= size == 1 ? 0xFFu : 0xFFFFu;
        return true;
    }

    public bool Write(uint offset, int size, uint value)
    {
        WriteWord(offset, value);
        return true;
    }

    protected abstract uint ReadWord(uint offset);

    protected abstract void WriteWord(uint offset, uint value);

    public abstract void Reset();
}
