using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices;

/// <summary>
/// A PrimeCell that software may probe but that Cloister does not model further yet: its ID
/// registers (0xFE0–0xFFC) answer as QEMU's model does, so drivers find the device; other
/// registers read 0, ignore writes and are reported once under -d unimp.
/// </summary>
public sealed class PrimeCellIdOnly(string name, byte[] id, Logger log) : WordDevice
{
    /// <summary>PL080 DMA controller (QEMU's pl080).</summary>
    public static readonly byte[] Pl080Id = [0x80, 0x10, 0x04, 0x0A, 0x0D, 0xF0, 0x05, 0xB1];

    /// <summary>PL081 DMA controller (QEMU's pl081, on the RealView boards).</summary>
    public static readonly byte[] Pl081Id = [0x81, 0x10, 0x04, 0x0A, 0x0D, 0xF0, 0x05, 0xB1];

    public override string Name => name;

    protected override uint ReadWord(uint offset)
    {
        if (offset >= 0xFE0 && offset < 0x1000) return id[(offset - 0xFE0) >> 2];
        log.UnimplementedOnce($"{name}:r:{offset:x}", $"{name}: register read not modelled (offset 0x{offset:x})");
        return 0;
    }

    protected override void WriteWord(uint offset, uint value) =>
        log.UnimplementedOnce($"{name}:w:{offset:x}", $"{name}: register write not modelled (offset 0x{offset:x}, value 0x{value:x})");

    public override void Reset() { }
}
