using Cloister.Platform.Bus;
using Cloister.Platform.Time;

namespace Cloister.Platform.Devices;

/// <summary>
/// Versatile / RealView status and system control registers (QEMU's realview_sysctl,
/// hw/misc/arm_sysctl.c): board ID, lock, LEDs, flags, reset control, counters. One model for
/// every board: QEMU's boards differ only in the SYS_ID and PROCID0 they give it (Versatile/PB
/// 0x41007004 / 0x02000000 for the ARM926; realview-eb-mpcore 0xc1400400 / 0x06000000 for
/// ARMv6K) and in what they wire to it; the board ID field of SYS_ID selects the
/// RESETCTL, CLCD and SYS_MCI variants.
/// </summary>
public sealed class SystemRegisters(uint sysId, uint procId, VirtualClock clock, Logger log) : WordDevice, IIrqSink
{
    public const uint LockValue = 0xA05F;

    /// <summary>GPIO inputs (QEMU's ARM_SYSCTL_GPIO_MMC_*): the MMC slot's write-protect and
    /// card-detect signals, which RealView boards wire from the PL181; Versatile/PB leaves them open.</summary>
    public const int InputMmcWriteProtect = 0, InputMmcCardIn = 1;

    const int BoardPb926 = 0x100, BoardEb = 0x140, BoardPba8 = 0x178, BoardPbx = 0x182;

    public override string Name => "realview_sysctl";

    public uint SysId { get; } = sysId;
    public uint ProcId { get; } = procId;

    /// <summary>The SYS_CLCD mux output (bits 1:0) wired to the PL110 (PB926 only).</summary>
    public Action<uint>? ClcdMux { get; set; }

    /// <summary>Raised when the guest asks for a system reset through RESETCTL.</summary>
    public Action? ResetRequested { get; set; }

    public uint Leds { get; private set; }
    public uint Lock { get; private set; }
    public uint Flags { get; private set; }
    /// <summary>Survives reset, as on the board.</summary>
    public uint NvFlags { get; private set; }
    public uint ResetLevel { get; private set; }
    public uint CfgData1 { get; private set; }
    public uint CfgData2 { get; private set; }
    public uint Clcd { get; private set; }
    /// <summary>SYS_MCI: bit 0 card in; write protect is bit 2 on PB926 and EB, bit 1 on later
    /// boards. Driven by the inputs only, and (as in QEMU) not cleared by reset.</summary>
    public uint Mci { get; private set; }

    int BoardId => (int)((SysId >> 16) & 0xFFF);

    public void SetInput(int line, bool level)
    {
        uint bit = line switch
        {
            InputMmcWriteProtect => BoardId is BoardPb926 or BoardEb ? 4u : 2u,
            InputMmcCardIn => 1u,
            _ => 0u,
        };
        Mci = level ? Mci | bit : Mci & ~bit;
    }

    public override void Reset()
    {
        Leds = 0;
        Lock = 0;
        CfgData1 = 0;
        CfgData2 = 0;
        Flags = 0;
        ResetLevel = 0;
        Clcd = 0x1F00; // CLCDID 0x1f: VGA
    }

    protected override uint ReadWord(uint offset)
    {
        switch (offset)
        {
            case 0x00: return SysId;
            case 0x04: return 0; // SW
            case 0x08: return Leds;
            case 0x0C: case 0x10: case 0x14: case 0x18: case 0x1C: return 0; // OSC0-4, as QEMU
            case 0x20: return Lock;
            case 0x24: return (uint)(clock.NowNs / 10_000_000); // 100Hz counter (QEMU reads 0)
            case 0x28: return CfgData1;
            case 0x2C: return CfgData2;
            case 0x30: return Flags;
            case 0x38: return NvFlags;
            case 0x40: return ResetLevel;
            case 0x44: return 1; // PCICTL
            case 0x48: return Mci;
            case 0x4C: return 0; // FLASH
            case 0x50: return Clcd;
            case 0x54: return 0; // CLCDSER
            case 0x58: return 0; // BOOTCS
            case 0x5C: return (uint)(UInt128Mul(clock.NowNs, 24_000_000) / 1_000_000_000);
            case 0x60: return 0; // MISC
            case 0x84: return ProcId;
            case 0x88: return 0xFF000000; // PROCID1
            case 0x64: case 0x68: case 0x6C: case 0x70: case 0x74: case 0x80:
            case 0x8C: case 0x90: case 0x94: case 0x98: case 0x9C:
            case 0xC0: case 0xC4: case 0xC8: case 0xCC: case 0xD0:
                return 0;
            default:
                log.GuestError($"arm_sysctl_read: Bad register offset 0x{offset:x}");
                return 0;
        }
    }

    static UInt128 UInt128Mul(long a, long b) => (UInt128)(ulong)Math.Max(a, 0) * (ulong)b;

    protected override void WriteWord(uint offset, uint value)
    {
        switch (offset)
        {
            case 0x08: Leds = value; break;
            case 0x0C: case 0x10: case 0x14: case 0x18: case 0x1C: break; // OSC0-4
            case 0x20: Lock = value == LockValue ? value : value & 0x7FFF; break;
            case 0x28: CfgData1 = value; break;
            case 0x2C: CfgData2 = value; break;
            case 0x30: Flags |= value; break;
            case 0x34: Flags &= ~value; break;
            case 0x38: NvFlags |= value; break;
            case 0x3C: NvFlags &= ~value; break;
            case 0x40:
                switch (BoardId)
                {
                    case BoardPb926:
                        if (Lock == LockValue)
                        {
                            ResetLevel = value;
                            if ((value & 0x100) != 0) ResetRequested?.Invoke();
                        }
                        break;
                    case BoardPbx:
                    case BoardPba8:
                        if (Lock == LockValue)
                        {
                            ResetLevel = value;
                            if ((value & 0x04) != 0) ResetRequested?.Invoke();
                        }
                        break;
                    default: break; // reserved: RAZ/WI
                }
                break;
            case 0x44: case 0x4C: break; // PCICTL, FLASH
            case 0x50:
                switch (BoardId)
                {
                    case BoardPb926:
                        Clcd = (Clcd & 0x3F00) | (value & ~0x3F00u);
                        ClcdMux?.Invoke(value & 3);
                        break;
                    case BoardEb:
                        Clcd = (Clcd & 0x3F00) | (value & ~0x3F00u);
                        break;
                    case BoardPba8:
                    case BoardPbx:
                        Clcd = (Clcd & 0x80) | (value & ~0x80u);
                        break;
                }
                break;
            case 0x54: case 0x64: case 0x68: case 0x6C: case 0x70: case 0x74: case 0x80:
            case 0x84: case 0x88: case 0x8C: case 0x90: case 0x94: case 0x98: case 0x9C:
                break;
            default:
                log.GuestError($"arm_sysctl_write: Bad register offset 0x{offset:x}");
                break;
        }
    }
}
