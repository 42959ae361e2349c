using Cloister.Platform.Bus;
using Cloister.Platform.Time;

namespace Cloister.Platform.Devices;

/// <summary>
/// ARM PrimeCell PL110 colour LCD controller, register level (QEMU hw/display/pl110.c, the
/// pl110_versatile variant by default): timing, frame-buffer bases, palette, control and
/// interrupt registers, and QEMU's vertical-blank interrupt (next-base and vertical-compare
/// status, every 1/60 s of virtual time while the controller is enabled and powered). Nothing
/// is drawn: there is no display.
/// </summary>
public sealed class Pl110Clcd : WordDevice
{
    public const uint CrEnable = 0x001, CrPower = 0x800, IeNextBase = 0x004, IeVertCompare = 0x008;
    const long VblankNs = 1_000_000_000 / 60;

    static readonly byte[] Pl110Id = [0x10, 0x11, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
    static readonly byte[] Pl111Id = [0x11, 0x11, 0x24, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    readonly VirtualClock clock;
    readonly Logger log;
    readonly ClockEvent vblank;
    readonly uint[] timing = new uint[4];
    readonly uint[] rawPalette = new uint[128];

    /// <param name="versatile">The Versatile/PB variant, whose IMSC and Control registers are swapped.</param>
    /// <param name="pl111">QEMU's "pl111": the PL111's ID and its register order (Control before
    /// IMSC, as on the Versatile variant).</param>
    public Pl110Clcd(VirtualClock clock, Logger log, bool versatile = true, bool pl111 = false)
    {
        Pl111 = pl111;
        if (pl111) versatile = true;
        this.clock = clock;
        this.log = log;
        Versatile = versatile;
        vblank = clock.CreateEvent("pl110.vblank", OnVblank);
    }

    public override string Name => Pl111 ? "pl111" : Versatile ? "pl110_versatile" : "pl110";

    public bool Versatile { get; }
    public bool Pl111 { get; }
    byte[] Id => Pl111 ? Pl111Id : Pl110Id;

    public IrqLine Irq { get; } = new();

    public uint Control { get; private set; }
    public uint IntMask { get; private set; }
    public uint IntStatus { get; private set; }
    public uint UpBase { get; private set; }
    public uint LpBase { get; private set; }
    /// <summary>The SYS_CLCD mux setting (bits 1:0), which selects the 16-bit pixel format.</summary>
    public uint MuxControl { get; set; }
    public int Columns => (int)(((timing[0] & 0xFC) + 4) * 4);
    public int Rows => (int)((timing[1] & 0x3FF) + 1);

    bool Enabled => (Control & CrEnable) != 0 && (Control & CrPower) != 0;

    // QEMU's pl110 has no reset handler: its registers keep their values across a reset.
    public override void Reset() { }

    void Update() => Irq.Set((IntStatus & IntMask) != 0);

    void OnVblank()
    {
        IntStatus |= IeNextBase | IeVertCompare;
        vblank.Schedule(clock.NowNs + VblankNs);
        Update();
    }

    protected override uint ReadWord(uint offset)
    {
        if (offset >= 0xFE0 && offset < 0x1000) return Id[(offset - 0xFE0) >> 2];
        if (offset >= 0x200 && offset < 0x400) return rawPalette[(offset - 0x200) >> 2];
        switch (offset >> 2)
        {
            case 0: case 1: case 2: case 3: return timing[offset >> 2];
            case 4: return UpBase;
            case 5: return LpBase;
            case 6: return Versatile ? Control : IntMask;
            case 7: return Versatile ? IntMask : Control;
            case 8: return IntStatus;
            case 9: return IntStatus & IntMask;
            case 11: return UpBase; // LCDUPCURR
            case 12: return LpBase; // LCDLPCURR
            default:
                log.GuestError($"pl110_read: Bad offset {offset:x}");
                return 0;
        }
    }

    protected override void WriteWord(uint offset, uint value)
    {
        if (offset >= 0x200 && offset < 0x400)
        {
            rawPalette[(offset - 0x200) >> 2] = value;
            return;
        }
        switch (offset >> 2)
        {
            case 0: case 1: case 2: case 3: timing[offset >> 2] = value; break;
            case 4: UpBase = value; break;
            case 5: LpBase = value; break;
            case 6:
                if (Versatile) WriteControl(value); else WriteMask(value);
                break;
            case 7:
                if (Versatile) WriteMask(value); else WriteControl(value);
                break;
            case 10: // LCDICR
                IntStatus &= ~value;
                Update();
                break;
            default:
                log.GuestError($"pl110_write: Bad offset {offset:x}");
                break;
        }
    }

    void WriteMask(uint value)
    {
        IntMask = value;
        Update();
    }

    void WriteControl(uint value)
    {
        Control = value;
        if (Enabled) vblank.Schedule(clock.NowNs + VblankNs);
        else vblank.Cancel();
    }
}
