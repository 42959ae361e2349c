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
    public static int Length(Insn* page, int start, bool thumb)
    {
        int n = 0;
        int slots = thumb ? TranslatedPage.ThumbSlots : TranslatedPage.ArmSlots;
        for (int i = start; i < slots && n < MaxLength; i++)
        {
            Insn* d = page + i;
            if (d->Exec == null) break;
            n++;
            if (thumb ? EndsThumbBlock(d->Raw) : EndsBlock(d->Raw)) break;
        }
        return n;
    }

    /// <summary>The Thumb-1 encodings that always leave the straight line.</summary>
    static bool EndsThumbBlock(uint raw)
    {
        if ((raw & 0xF800) == 0xE000) return true;                           // B
        if ((raw & 0xE800) == 0xE800) return true;                           // BL, BLX suffixes
        if ((raw & 0xFF00) == 0xDF00) return true;                           // SWI
        if ((raw & 0xFF00) == 0x4700) return true;                           // BX, BLX register
        if ((raw & 0xFC87) == 0x4487) return true;                           // ADD/MOV (high) to PC (and CMP PC: harmless)
        if ((raw & 0xFF00) == 0xBD00) return true;                           // POP {.., PC}
        return false;
    }

    /// <summary>True for ARM encodings that always leave the straight line when executed unconditionally.</summary>
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
