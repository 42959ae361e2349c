using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices;

/// <summary>
/// The L2 cache controller next to the MPCore private region, as QEMU's dummy "l2x0"
/// (hw/misc/arm_l2x0.c): there is no cache, only registers that remember what is written, an
/// ID, and maintenance operations that complete at once.
/// </summary>
public sealed class L2x0CacheController(Logger log) : WordDevice
{
    /// <summary>What QEMU reports: L2C-310 r3p2.</summary>
    public const uint CacheId = 0x410000C8;
    const uint InitialCacheType = 0x1C100100;

    // QEMU ORs the way-size bits into its cache-type property on each read and never resets it,
    // so the value only grows; kept as QEMU has it.
    uint cacheType = InitialCacheType;
    uint control, auxControl, tagControl, dataControl, filterStart, filterEnd;

    public override string Name => "l2x0";

    public override void Reset()
    {
        control = 0;
        auxControl = 0x02020000;
        tagControl = dataControl = filterStart = filterEnd = 0;
    }

    static bool IsMaintenance(uint offset) => offset is >= 0x730 and < 0x800;

    protected override uint ReadWord(uint offset)
    {
        offset &= 0xFFF;
        if (IsMaintenance(offset)) return 0; // every operation has already completed
        switch (offset)
        {
            case 0x000: return CacheId;
            case 0x004:
                uint waySize = ((auxControl & (7u << 17)) >> 15) | ((auxControl & (1u << 16)) >> 16);
                cacheType |= (waySize << 18) | (waySize << 6);
                return cacheType;
            case 0x100: return control;
            case 0x104: return auxControl;
            case 0x108: return tagControl;
            case 0x10C: return dataControl;
            case 0xC00: return filterStart;
            case 0xC04: return filterEnd;
            case 0xF40: case 0xF60: case 0xF80: return 0;
            default:
                log.GuestError($"l2x0_priv_read: Bad offset {offset:x}");
                return 0;
        }
    }

    protected override void WriteWord(uint offset, uint value)
    {
        offset &= 0xFFF;
        if (IsMaintenance(offset)) return;
        switch (offset)
        {
            case 0x100: control = value & 1; break;
            case 0x104: auxControl = value; break;
            case 0x108: tagControl = value; break;
            case 0x10C: dataControl = value; break;
            case 0xC00: filterStart = value; break;
            case 0xC04: filterEnd = value; break;
            case 0xF40: case 0xF60: case 0xF80: break;
            default:
                log.GuestError($"l2x0_priv_write: Bad offset {offset:x}");
                break;
        }
    }
}
