namespace Cloister.Arm.Jit;

/// <summary>Finds the extent of a basic block in a decoded ARM page.</summary>
internal static unsafe class BlockScanner
{
    /// <summary>Long blocks gain nothing once the loop overhead is gone, and cost translation time.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// Counts the instructions from <paramref name="start"/>: it stops at the page end, at the first
    /// instruction the interpreter has not decoded yet (never run: it may be data, and decoding
    /// early would change what -d in_asm prints), or after an unconditional change of flow.
    /// Conditional or unforeseen changes of flow are caught at run time by the block's exit checks.
    /// </summary>
    public static int Length(Insn* page, int start)
    {
        int n = 0;
        for (int i = start; i < ArmPage.InsnsPerPage && n < MaxLength; i++)
        {
            Insn* d = page + i;
            if (d->Exec == null) break;
            n++;
            if (EndsBlock(d->Raw)) break;
        }
        return n;
    }

    /// <summary>True for encodings that always leave the straight line when executed unconditionally.</summary>
    static bool EndsBlock(uint raw)
    {
        uint cond = raw >> 28;
        if (cond == 0xF) return true;                                        // unconditional space (BLX, etc.)
        if (cond != 0xE) return false;
        if ((raw & 0x0E000000) == 0x0A000000) return true;                   // B, BL
        if ((raw & 0x0F000000) == 0x0F000000) return true;                   // SWI
        if ((raw & 0x0FFFFFD0) == 0x012FFF10) return true;                   // BX, BLX register
        if ((raw & 0x0C000000) == 0x00000000 && ((raw >> 12) & 15) == 15) return true; // data-processing to PC
        if ((raw & 0x0C100000) == 0x04100000 && ((raw >> 12) & 15) == 15) return true; // LDR PC
        if ((raw & 0x0E108000) == 0x08108000) return true;                   // LDM with PC
        return false;
    }
}
