namespace Cloister.Arm.Vfp;

/// <summary>
/// FLDS/FSTS/FLDD/FSTD and FLDM/FSTM (IA, DB, with write-back, the X forms). Field use: Rn = base,
/// Rd = first register (S or D number), Imm = byte offset (single transfers) or the imm8 word count
/// (multiple), Extra = flags below. Every access must be word aligned (QEMU checks alignment on
/// VFP transfers whatever SCTLR.A says). A fault stops the instruction before write-back.
/// A double is one 64-bit access: with big-endian data (ARMv6 CPSR.E) its high word is the one
/// at the lower address.
/// </summary>
internal static unsafe class VfpLoadStore
{
    public const byte Load = 1, Double = 2, DecrementBefore = 4, Writeback = 8;

    static uint Base(ArmCpu c, int rn) => rn == 15 ? c.R[15] & ~3u : c.R[rn];

    public static void Single(ArmCpu c, Insn* d)
    {
        if (!VfpDataProcessing.CheckEnabled(c)) return;
        var v = c.Vfp;
        uint addr = Base(c, d->Rn) + d->Imm;
        if ((addr & 3) != 0) { c.AlignmentFault(addr); return; }
        bool dbl = (d->Extra & Double) != 0;
        if ((d->Extra & Load) != 0)
        {
            uint first = c.Read32(addr);
            if (c.MemoryFault) return;
            if (!dbl) { v.S[d->Rd] = first; return; }
            uint second = c.Read32(addr + 4);
            if (c.MemoryFault) return;
            StoreDoubleWords(c, v.S + 2 * d->Rd, first, second);
        }
        else
        {
            if (!dbl) { c.Write32(addr, v.S[d->Rd]); return; }
            uint* pair = v.S + 2 * d->Rd;
            bool be = c.BigEndianData;
            c.Write32(addr, be ? pair[1] : pair[0]);
            if (c.MemoryFault) return;
            c.Write32(addr + 4, be ? pair[0] : pair[1]);
        }
    }

    /// <summary>Puts the two words of a double read from memory (in address order) into S(2n), S(2n+1).</summary>
    static void StoreDoubleWords(ArmCpu c, uint* pair, uint first, uint second)
    {
        bool be = c.BigEndianData;
        pair[0] = be ? second : first;
        pair[1] = be ? first : second;
    }

    public static void Multiple(ArmCpu c, Insn* d)
    {
        if (!VfpDataProcessing.CheckEnabled(c)) return;
        var v = c.Vfp;
        uint words = d->Imm;
        uint baseAddr = Base(c, d->Rn);
        bool down = (d->Extra & DecrementBefore) != 0;
        uint addr = down ? baseAddr - words * 4 : baseAddr;
        if ((addr & 3) != 0) { c.AlignmentFault(addr); return; }
        bool load = (d->Extra & Load) != 0;
        // Doubles move as pairs of words; FLDMX/FSTMX's odd extra word is only counted in write-back.
        int count = (d->Extra & Double) != 0 ? (int)(words >> 1) * 2 : (int)words;
        int first = (d->Extra & Double) != 0 ? 2 * d->Rd : d->Rd;
        if ((d->Extra & Double) != 0)
        {
            bool be = c.BigEndianData;
            for (int i = 0; i < count; i += 2)
            {
                uint* pair = v.S + first + i;
                if (load)
                {
                    uint w0 = c.Read32(addr);
                    if (c.MemoryFault) return;
                    uint w1 = c.Read32(addr + 4);
                    if (c.MemoryFault) return;
                    StoreDoubleWords(c, pair, w0, w1);
                }
                else
                {
                    c.Write32(addr, be ? pair[1] : pair[0]);
                    if (c.MemoryFault) return;
                    c.Write32(addr + 4, be ? pair[0] : pair[1]);
                    if (c.MemoryFault) return;
                }
                addr += 8;
            }
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                if (load)
                {
                    uint value = c.Read32(addr);
                    if (c.MemoryFault) return;
                    v.S[first + i] = value;
                }
                else
                {
                    c.Write32(addr, v.S[first + i]);
                    if (c.MemoryFault) return;
                }
                addr += 4;
            }
        }
        if ((d->Extra & Writeback) != 0)
            c.R[d->Rn] = down ? baseAddr - words * 4 : baseAddr + words * 4;
    }
}
