using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices;

/// <summary>
/// The Versatile two-wire serial bus interface (QEMU's arm_sbcon_i2c, hw/i2c/arm_sbcon_i2c.c):
/// SB_CONTROLS (0x0) reads SCL (bit 0) and SDA (bit 1) and sets the driven levels, SB_CONTROLC
/// (0x4) clears them. The bus is decoded by <see cref="I2cBitBang"/>; the board puts a DS1338
/// RTC at address 0x68, as QEMU does.
/// </summary>
public sealed class SbconI2c(Logger log) : WordDevice
{
    public override string Name => "versatile_i2c";

    public I2cBitBang Bus { get; } = new();

    public uint Out { get; private set; }

    public override void Reset()
    {
        Out = 0;
        Bus.Reset();
    }

    protected override uint ReadWord(uint offset)
    {
        if (offset == 0) return (Out & 1) | (Bus.SdaLine ? 2u : 0u);
        log.GuestError($"arm_sbcon_i2c_read: Bad offset 0x{offset:x}");
        return 0;
    }

    protected override void WriteWord(uint offset, uint value)
    {
        switch (offset)
        {
            case 0: Out |= value & 3; break;
            case 4: Out &= ~value; break;
            default:
                log.GuestError($"arm_sbcon_i2c_write: Bad offset 0x{offset:x}");
                return;
        }
        Bus.Set((Out & 1) != 0, (Out & 2) != 0);
    }
}
