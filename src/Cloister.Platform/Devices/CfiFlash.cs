using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices;

/// <summary>
/// Intel-command-set CFI parallel NOR flash (QEMU's pflash_cfi01, hw/block/pflash_cfi01.c) in
/// QEMU's "device width not given" mode, as versatilepb creates it: read array, read status,
/// clear status, read identifier, CFI query, single-word program, block erase, buffered write
/// and lock commands. Contents start as zeros (QEMU without a drive) and live only in memory;
/// pages are allocated when first written.
/// </summary>
public sealed class CfiFlash : IMmioDevice
{
    const int PageSize = 4096;

    readonly Logger log;
    readonly Dictionary<uint, byte[]> pages = [];
    readonly byte[] cfi = new byte[0x52];
    readonly ushort ident0, ident1, ident2, ident3;
    int wcycle;
    byte cmd;
    uint counter;
    uint writeblockSize;

    public CfiFlash(string name, uint size, uint sectorSize, int bankWidth, Logger log,
        ushort ident0, ushort ident1, ushort ident2, ushort ident3)
    {
        Name = name;
        Size = size;
        SectorSize = sectorSize;
        BankWidth = bankWidth;
        this.log = log;
        this.ident0 = ident0;
        this.ident1 = ident1;
        this.ident2 = ident2;
        this.ident3 = ident3;
        BuildCfiTable();
        Status = 0x80;
    }

    public string Name { get; }
    public uint Size { get; }
    public uint SectorSize { get; }
    public int BankWidth { get; }
    public byte Status { get; private set; }
    public byte Command => cmd;

    void BuildCfiTable()
    {
        uint blocks = Size / SectorSize;
        cfi[0x10] = (byte)'Q'; cfi[0x11] = (byte)'R'; cfi[0x12] = (byte)'Y';
        cfi[0x13] = 0x01; cfi[0x14] = 0x00;  // Intel command set
        cfi[0x15] = 0x31; cfi[0x16] = 0x00;  // primary extended table
        cfi[0x1B] = 0x45; cfi[0x1C] = 0x55;  // Vcc min/max
        cfi[0x1F] = 0x07; cfi[0x20] = 0x07; cfi[0x21] = 0x0A; cfi[0x22] = 0x00;
        cfi[0x23] = 0x04; cfi[0x24] = 0x04; cfi[0x25] = 0x04; cfi[0x26] = 0x00;
        cfi[0x27] = (byte)System.Numerics.BitOperations.TrailingZeroCount(Size); // device size
        cfi[0x28] = 0x02; cfi[0x29] = 0x00;  // x8/x16 interface
        cfi[0x2A] = BankWidth == 1 ? (byte)0x08 : (byte)0x0B; // max multi-byte write
        writeblockSize = 1u << cfi[0x2A];
        cfi[0x2B] = 0x00;
        cfi[0x2C] = 0x01;                    // one erase block region
        cfi[0x2D] = (byte)(blocks - 1); cfi[0x2E] = (byte)((blocks - 1) >> 8);
        cfi[0x2F] = (byte)(SectorSize >> 8); cfi[0x30] = (byte)(SectorSize >> 16);
        cfi[0x31] = (byte)'P'; cfi[0x32] = (byte)'R'; cfi[0x33] = (byte)'I';
        cfi[0x34] = (byte)'1'; cfi[0x35] = (byte)'0';
        cfi[0x3F] = 0x01;                    // protection fields
    }

    /// <summary>QEMU keeps the flash state across a system reset (no reset handler).</summary>
    public void Reset() { }

    byte ReadByte(uint offset) =>
        pages.TryGetValue(offset / PageSize, out var page) ? page[offset % PageSize] : (byte)0;

    void WriteByte(uint offset, byte value)
    {
        if (!pages.TryGetValue(offset / PageSize, out var page))
        {
            if (value == 0) return;
            page = new byte[PageSize];
            pages[offset / PageSize] = page;
        }
        page[offset % PageSize] = value;
    }

    uint DataRead(uint offset, int size)
    {
        uint v = 0;
        for (int i = 0; i < size; i++) v |= (uint)ReadByte(offset + (uint)i) << (8 * i);
        return v;
    }

    void DataWrite(uint offset, int size, uint value)
    {
        for (int i = 0; i < size; i++) WriteByte(offset + (uint)i, (byte)(value >> (8 * i)));
    }

    uint BankOffset(uint offset)
    {
        uint boff = offset & 0xFF;
        return BankWidth == 2 ? boff >> 1 : BankWidth == 4 ? boff >> 2 : boff;
    }

    public bool Read(uint offset, int size, out uint value)
    {
        switch (cmd)
        {
            default:
                wcycle = 0;
                cmd = 0;
                value = DataRead(offset, size);
                break;
            case 0x00:
                value = DataRead(offset, size);
                break;
            case 0x10: case 0x20: case 0x28: case 0x40: case 0x50: case 0x60: case 0x70: case 0xE8:
                value = Status;
                if (size > 2) value |= (uint)Status << 16;
                break;
            case 0x90:
                value = BankOffset(offset) switch
                {
                    0 => (uint)(ident0 << 8 | ident1),
                    1 => (uint)(ident2 << 8 | ident3),
                    _ => 0,
                };
                break;
            case 0x98:
                uint boff = BankOffset(offset);
                value = boff < cfi.Length ? cfi[boff] : 0u;
                break;
        }
        return true;
    }

    public bool Write(uint offset, int size, uint value)
    {
        byte c = (byte)value;
        switch (wcycle)
        {
            case 0:
                switch (c)
                {
                    case 0x00: ReadArray(); return true;
                    case 0x10: case 0x40: break; // single word program
                    case 0x20: // block erase
                    {
                        uint start = offset & ~(SectorSize - 1);
                        for (uint p = start / PageSize; p < (start + SectorSize) / PageSize; p++)
                        {
                            if (!pages.TryGetValue(p, out var page)) pages[p] = page = new byte[PageSize];
                            Array.Fill(page, (byte)0xFF);
                        }
                        Status |= 0x80;
                        break;
                    }
                    case 0x50: Status = 0; ReadArray(); return true;
                    case 0x60: break;
                    case 0x70: case 0x90: cmd = c; return true;
                    case 0x98: break;
                    case 0xE8: Status |= 0x80; break;
                    case 0xF0: case 0xFF: ReadArray(); return true;
                    default: Error(offset, value); return true;
                }
                wcycle++;
                cmd = c;
                return true;
            case 1:
                switch (cmd)
                {
                    case 0x10: case 0x40:
                        DataWrite(offset, size, value);
                        Status |= 0x80;
                        wcycle = 0;
                        return true;
                    case 0x20: case 0x28:
                        if (c == 0xD0) { wcycle = 0; Status |= 0x80; }
                        else if (c == 0xFF) ReadArray();
                        else Error(offset, value);
                        return true;
                    case 0xE8:
                        counter = value & (BankWidth == 4 ? 0xFFFFFFFFu : (1u << (BankWidth * 8)) - 1);
                        wcycle++;
                        return true;
                    case 0x60:
                        if (c is 0xD0 or 0x01) { wcycle = 0; Status |= 0x80; }
                        else ReadArray();
                        return true;
                    case 0x98:
                        if (c == 0xFF) ReadArray(); // anything else stays in query mode, as QEMU
                        return true;
                    default:
                        Error(offset, value);
                        return true;
                }
            case 2:
                if (cmd != 0xE8) { Error(offset, value); return true; }
                DataWrite(offset, size, value);
                Status |= 0x80;
                if (counter == 0) wcycle++;
                counter--;
                return true;
            case 3:
                if (cmd == 0xE8 && c == 0xD0) { wcycle = 0; Status |= 0x80; }
                else ReadArray();
                return true;
            default:
                ReadArray();
                return true;
        }
    }

    void Error(uint offset, uint value)
    {
        log.Unimplemented($"pflash_write: Unimplemented flash cmd sequence (offset 0x{offset:x}, wcycle 0x{wcycle:x} cmd 0x{cmd:x} value 0x{value:x})");
        ReadArray();
    }

    void ReadArray()
    {
        wcycle = 0;
        cmd = 0;
    }
}
