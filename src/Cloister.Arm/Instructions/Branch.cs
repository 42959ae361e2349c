namespace Cloister.Arm;

/// <summary>B, BL, BLX and BX. Field use: Imm = signed displacement from PC+8 (ARM) / PC+4 (Thumb), Rm.</summary>
internal static unsafe class Branch
{
    public static void B(ArmCpu c, Insn* d) => c.NextPc = c.R[15] + d->Imm;

    public static void Bl(ArmCpu c, Insn* d)
    {
        c.R[14] = c.R[15] - 4;
        c.NextPc = c.R[15] + d->Imm;
    }

    /// <summary>BLX immediate (ARM): always switches to Thumb; the H bit is folded into Imm.</summary>
    public static void BlxImmediate(ArmCpu c, Insn* d)
    {
        c.R[14] = c.R[15] - 4;
        c.BranchExchange((c.R[15] + d->Imm) | 1);
    }

    public static void Bx(ArmCpu c, Insn* d) => c.BranchExchange(c.R[d->Rm]);

    public static void BlxRegister(ArmCpu c, Insn* d)
    {
        uint target = c.R[d->Rm];
        c.R[14] = c.R[15] - 4;
        c.BranchExchange(target);
    }
}
