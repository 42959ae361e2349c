namespace Cloister.Arm;

/// <summary>
/// LDM/STM in all four addressing modes, with write-back, the user-bank (^) forms and the
/// exception-return form. Field use: Rn, Imm = register list, Extra = flags below.
/// </summary>
internal static unsafe class LoadStoreMultiple
{
    public const byte PreIndex = 1, Up = 2, UserBank = 4, Writeback = 8;

    static uint StartAddress(ArmCpu c, Insn* d, int count, out uint writeback)
    {
        uint rn = c.R[d->Rn];
        uint size = (uint)count * 4;
        bool up = (d->Extra & Up) != 0, pre = (d->Extra & PreIndex) != 0;
        writeback = up ? rn + size : rn - size;
        if (up) return pre ? rn + 4 : rn;
        return pre ? rn - size : rn - size + 4;
    }

    public static void Ldm(ArmCpu c, Insn* d)
    {
        uint list = d->Imm;
        int count = System.Numerics.BitOperations.PopCount(list);
        uint addr = StartAddress(c, d, count, out uint wb);
        if ((addr & 3) != 0 && (c.Model.IsV6 || c.Cp15.AlignmentChecks)) { c.AlignmentFault(addr, write: false); return; } // QEMU: v6 always, v5 when SCTLR.A
        addr &= ~3u;
        uint* values = stackalloc uint[16];
        for (int r = 0; r < 16; r++)
        {
            if ((list & (1u << r)) == 0) continue;
            values[r] = c.Read32(addr);
            if (c.MemoryFault) return;
            addr += 4;
        }
        if ((d->Extra & Writeback) != 0) c.R[d->Rn] = wb;
        bool userBank = (d->Extra & UserBank) != 0 && (list & 0x8000) == 0;
        for (int r = 0; r < 15; r++)
        {
            if ((list & (1u << r)) == 0) continue;
            if (userBank) c.SetUserRegister(r, values[r]); else c.R[r] = values[r];
        }
        if ((list & 0x8000) != 0)
        {
            if ((d->Extra & UserBank) != 0) c.ExceptionReturn(values[15]);
            else c.LoadWritePc(values[15]);
        }
    }

    public static void Stm(ArmCpu c, Insn* d)
    {
        uint list = d->Imm;
        int count = System.Numerics.BitOperations.PopCount(list);
        uint addr = StartAddress(c, d, count, out uint wb);
        if ((addr & 3) != 0 && (c.Model.IsV6 || c.Cp15.AlignmentChecks)) { c.AlignmentFault(addr, write: true); return; } // QEMU: v6 always, v5 when SCTLR.A
        addr &= ~3u;
        bool userBank = (d->Extra & UserBank) != 0;
        for (int r = 0; r < 16; r++)
        {
            if ((list & (1u << r)) == 0) continue;
            uint v = userBank ? c.GetUserRegister(r) : c.R[r];
            c.Write32(addr, v);
            if (c.MemoryFault) return;
            addr += 4;
        }
        if ((d->Extra & Writeback) != 0) c.R[d->Rn] = wb;
    }
}
