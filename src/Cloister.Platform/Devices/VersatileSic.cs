using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices;

/// <summary>
/// Versatile/PB secondary interrupt controller (QEMU's versatilepb_sic in hw/arm/versatilepb.c):
/// 32 inputs; the enabled ones are ORed onto parent line 31; inputs 21–30 can also be passed
/// straight through to the same-numbered parent lines (PICENSET/PICENCLR).
/// </summary>
public sealed class VersatileSic : WordDevice, IIrqSink
{
    const int CascadeLine = 31;
    readonly Logger log;

    public VersatileSic(Logger log)
    {
        this.log = log;
        for (int i = 0; i < 32; i++) Parent[i] = new IrqLine();
    }

    public override string Name => "versatilepb_sic";

    /// <summary>Outputs to the primary controller, by line number.</summary>
    public IrqLine[] Parent { get; } = new IrqLine[32];

    public uint Level { get; private set; }
    public uint Mask { get; private set; }
    public uint PicEnable { get; private set; }

    /// <summary>Connects output n to input n of <paramref name="primary"/>, as the board wires it.</summary>
    public void ConnectTo(IIrqSink primary)
    {
        for (int i = 0; i < 32; i++) Parent[i].Connect(primary, i);
    }

    public void SetInput(int line, bool level)
    {
        if (level) Level |= 1u << line;
        else Level &= ~(1u << line);
        if ((PicEnable & (1u << line)) != 0) Parent[line].Set(level);
        Update();
    }

    void Update() => Parent[CascadeLine].Set((Level & Mask) != 0);

    void UpdatePic()
    {
        for (int i = 21; i <= 30; i++)
        {
            uint bit = 1u << i;
            if ((PicEnable & bit) == 0) continue;
            Parent[i].Set((Level & bit) != 0);
        }
    }

    // QEMU's model has no reset handler: the state starts at zero and stays across resets.
    public override void Reset() { }

    protected override uint ReadWord(uint offset)
    {
        switch (offset >> 2)
        {
            case 0: return Level & Mask; // STATUS
            case 1: return Level;        // RAWSTAT
            case 2: return Mask;         // ENABLE
            case 4: return Level & 1;    // SOFTINT
            case 8: return PicEnable;    // PICENABLE
            default:
                log.GuestError($"vpb_sic_read: Bad register offset 0x{offset:x}");
                return 0;
        }
    }

    protected override void WriteWord(uint offset, uint value)
    {
        switch (offset >> 2)
        {
            case 2: Mask |= value; break;  // ENSET
            case 3: Mask &= ~value; break; // ENCLR
            case 4: if (value != 0) Mask |= 1; break;   // SOFTINTSET (as QEMU: sets the mask bit)
            case 5: if (value != 0) Mask &= ~1u; break; // SOFTINTCLR
            case 8: // PICENSET
                PicEnable |= value & 0x7FE00000;
                UpdatePic();
                break;
            case 9: // PICENCLR
                PicEnable &= ~value;
                UpdatePic();
                break;
            default:
                log.GuestError($"vpb_sic_write: Bad register offset 0x{offset:x}");
                return;
        }
        Update();
    }
}
