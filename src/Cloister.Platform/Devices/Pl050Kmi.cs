using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices;

/// <summary>
/// ARM PrimeCell PL050 keyboard/mouse interface (QEMU hw/input/pl050.c) with its PS/2 device:
/// KMICR, KMISTAT (TX always empty, RX full while the device has data, parity of the last
/// byte), KMIDATA, KMICLKDIV, KMIIR; the interrupt is RX-pending with RXINTREN, or TXINTREN
/// (QEMU's transmitter is always ready).
/// </summary>
public sealed class Pl050Kmi : WordDevice
{
    static readonly byte[] Id = [0x50, 0x10, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    readonly Logger log;
    bool pending;
    uint last;

    public Pl050Kmi(string name, Ps2Device device, Logger log)
    {
        Name = name;
        Device = device;
        this.log = log;
        device.IrqChanged = level =>
        {
            pending = level;
            Update();
        };
    }

    public override string Name { get; }

    public Ps2Device Device { get; }

    public IrqLine Irq { get; } = new();

    public uint Control { get; private set; }
    public uint ClockDivisor { get; private set; }

    public override void Reset()
    {
        Device.Reset();
    }

    void Update() => Irq.Set((pending && (Control & 0x10) != 0) || (Control & 0x08) != 0);

    protected override uint ReadWord(uint offset)
    {
        if (offset >= 0xFE0 && offset < 0x1000) return Id[(offset - 0xFE0) >> 2];
        switch (offset >> 2)
        {
            case 0: return Control;
            case 1:
            {
                uint v = last & 0xFF;
                v ^= v >> 4;
                v ^= v >> 2;
                v = (v ^ (v >> 1)) & 1;
                uint stat = 1 << 6; // TX empty
                if (v != 0) stat |= 1 << 2;
                if (pending) stat |= 1 << 4;
                return stat;
            }
            case 2:
                if (pending) last = Device.ReadData();
                return last;
            case 3: return ClockDivisor;
            case 4: return (pending ? 1u : 0u) | 2;
            default:
                log.GuestError($"pl050_read: Bad offset {offset:x}");
                return 0;
        }
    }

    protected override void WriteWord(uint offset, uint value)
    {
        switch (offset >> 2)
        {
            case 0:
                Control = value;
                Update();
                break;
            case 2:
                Device.Write((byte)value);
                break;
            case 3:
                ClockDivisor = value;
                break;
            default:
                log.GuestError($"pl050_write: Bad offset {offset:x}");
                break;
        }
    }
}
