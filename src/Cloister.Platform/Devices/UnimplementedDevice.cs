using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices;

/// <summary>
/// A region where the real board has a device Cloister does not model (QEMU's
/// unimplemented-device, hw/misc/unimp.c): reads give 0, writes are ignored, and each register
/// touched is reported once under -d unimp.
/// </summary>
public sealed class UnimplementedDevice(string name, Logger log) : IMmioDevice
{
    public string Name { get; } = name;

    public bool Read(uint offset, int size, out uint value)
    {
        log.UnimplementedOnce($"{Name}:r:{offset:x}", $"{Name}: unimplemented device read  (size {size}, offset 0x{offset:x})");
        value = 0;
        return true;
    }

    public bool Write(uint offset, int size, uint value)
    {
        log.UnimplementedOnce($"{Name}:w:{offset:x}",
            $"{Name}: unimplemented device write (size {size}, offset 0x{offset:x}, value 0x{value:x})");
        return true;
    }

    public void Reset() { }
}
