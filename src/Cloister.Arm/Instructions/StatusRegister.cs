namespace Cloister.Arm;

/// <summary>MRS and MSR. Field use: Rd/Rm, Imm = immediate operand, Extra bit 0 = SPSR, bits 4-7 = field mask (c, x, s, f).</summary>
internal static unsafe class StatusRegister
{
    public static void Mrs(ArmCpu c, Insn* d) =>
        c.R[d->Rd] = (d->Extra & 1) != 0 ? c.Spsr : c.Cpsr;

    public static void MsrRegister(ArmCpu c, Insn* d) => Write(c, d, c.R[d->Rm]);
    public static void MsrImmediate(ArmCpu c, Insn* d) => Write(c, d, d->Imm);

    static void Write(ArmCpu c, Insn* d, uint value)
    {
        uint fields = (uint)d->Extra >> 4;
        uint mask = 0;
        if ((fields & 1) != 0) mask |= 0x000000FF;
        if ((fields & 2) != 0) mask |= 0x0000FF00;
        if ((fields & 4) != 0) mask |= 0x00FF0000;
        if ((fields & 8) != 0) mask |= 0xFF000000;
        if ((d->Extra & 1) != 0)
        {
            mask &= c.SpsrValidMask;
            if (!c.HasSpsr) { c.LogGuestError("MSR SPSR in a mode without SPSR"); return; }
            c.Spsr = (c.Spsr & ~mask) | (value & mask);
            return;
        }
        mask &= c.CpsrValidMask & ~ArmCpu.CpsrExecutionState; // T and J change only through branches and returns
        if (!c.IsPrivileged) mask &= ArmCpu.CpsrUserWritable;
        if (mask != 0) c.WriteCpsr(value, mask);
    }
}
