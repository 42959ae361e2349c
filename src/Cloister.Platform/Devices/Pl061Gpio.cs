using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices;

/// <summary>
/// ARM PrimeCell PL061 GPIO, register level only: data (address-masked), direction, interrupt
/// sense/both-edges/event, mask, raw and masked status, clear, alternate function, PrimeCell
/// ID. No pins are connected on Versatile/PB, so inputs read 0 and no interrupt ever fires.
/// </summary>
public sealed class Pl061Gpio(Logger log) : WordDevice
{
    static readonly byte[] Id = [0x61, 0x10, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    public override string Name => "pl061";

    public IrqLine Irq { get; } = new();

    public uint Data { get; private set; }
    public uint Dir { get; private set; }
    public uint Isense { get; private set; }
    public uint Ibe { get; private set; }
    public uint Iev { get; private set; }
    public uint Im { get; private set; }
    public uint Istate { get; private set; }
    public uint Afsel { get; private set; }

    public override void Reset()
    {
        Data = Dir = Isense = Ibe = Iev = Im = Istate = Afsel = 0;
        Update();
    }

    void Update() => Irq.Set((Istate & Im) != 0);

    protected override uint ReadWord(uint offset)
    {
        if (offset >= 0xFE0 && offset < 0x1000) return Id[(offset - 0xFE0) >> 2];
        if (offset < 0x400) return Data & Dir & (offset >> 2); // inputs read 0
        switch (offset)
        {
            case 0x400: return Dir;
            case 0x404: return Isense;
            case 0x408: return Ibe;
            case 0x40C: return Iev;
            case 0x410: return Im;
            case 0x414: return Istate;
            case 0x418: return Istate & Im;
            case 0x420: return Afsel;
            default:
                log.GuestError($"pl061_read: Bad offset {offset:x}");
                return 0;
        }
    }

    protected override void WriteWord(uint offset, uint value)
    {
        if (offset < 0x400)
        {
            uint mask = (offset >> 2) & Dir & 0xFF;
            Data = (Data & ~mask) | (value & mask);
            return;
        }
        switch (offset)
        {
            case 0x400: Dir = value & 0xFF; break;
            case 0x404: Isense = value & 0xFF; break;
            case 0x408: Ibe = value & 0xFF; break;
            case 0x40C: Iev = value & 0xFF; break;
            case 0x410: Im = value & 0xFF; break;
            case 0x41C: Istate &= ~value; break;
            case 0x420: Afsel = value & 0xFF; break;
            default:
                log.GuestError($"pl061_write: Bad offset {offset:x}");
                return;
        }
        Update();
    }
}
