namespace Cloister.Arm;

/// <summary>
/// Thumb-1 instructions that have no ARM handler to share. Field use: Rd, Rn, Rm, Imm,
/// ShiftType/ShiftAmount for shifts. Thumb data-processing always sets flags (except the
/// high-register forms), which is why these are separate from the ARM handlers.
/// </summary>
internal static unsafe class Thumb
{
    public static void ShiftImmediate(ArmCpu c, Insn* d)
    {
        uint r = Shifter.ByImmediate(c.R[d->Rm], d->ShiftType, d->ShiftAmount, c.FlagC, out uint carry);
        c.R[d->Rd] = r;
        c.SetNZ(r);
        c.FlagC = carry;
    }

    public static void AddRegister(ArmCpu c, Insn* d) => c.R[d->Rd] = c.AddWithCarry(c.R[d->Rn], c.R[d->Rm], 0);
    public static void SubRegister(ArmCpu c, Insn* d) => c.R[d->Rd] = c.AddWithCarry(c.R[d->Rn], ~c.R[d->Rm], 1);
    public static void AddImmediate(ArmCpu c, Insn* d) => c.R[d->Rd] = c.AddWithCarry(c.R[d->Rn], d->Imm, 0);
    public static void SubImmediate(ArmCpu c, Insn* d) => c.R[d->Rd] = c.AddWithCarry(c.R[d->Rn], ~d->Imm, 1);
    public static void CmpImmediate(ArmCpu c, Insn* d) => c.AddWithCarry(c.R[d->Rn], ~d->Imm, 1);

    public static void MovImmediate(ArmCpu c, Insn* d)
    {
        c.R[d->Rd] = d->Imm;
        c.SetNZ(d->Imm);
    }

    // ---- format 4: ALU operations on low registers (Rd is also the first operand) ----

    static void Logical(ArmCpu c, Insn* d, uint r)
    {
        c.R[d->Rd] = r;
        c.SetNZ(r);
    }

    public static void And(ArmCpu c, Insn* d) => Logical(c, d, c.R[d->Rd] & c.R[d->Rm]);
    public static void Eor(ArmCpu c, Insn* d) => Logical(c, d, c.R[d->Rd] ^ c.R[d->Rm]);
    public static void Orr(ArmCpu c, Insn* d) => Logical(c, d, c.R[d->Rd] | c.R[d->Rm]);
    public static void Bic(ArmCpu c, Insn* d) => Logical(c, d, c.R[d->Rd] & ~c.R[d->Rm]);
    public static void Mvn(ArmCpu c, Insn* d) => Logical(c, d, ~c.R[d->Rm]);
    public static void Mul(ArmCpu c, Insn* d) => Logical(c, d, c.R[d->Rd] * c.R[d->Rm]);
    public static void Tst(ArmCpu c, Insn* d) => c.SetNZ(c.R[d->Rd] & c.R[d->Rm]);
    public static void Adc(ArmCpu c, Insn* d) => c.R[d->Rd] = c.AddWithCarry(c.R[d->Rd], c.R[d->Rm], c.FlagC);
    public static void Sbc(ArmCpu c, Insn* d) => c.R[d->Rd] = c.AddWithCarry(c.R[d->Rd], ~c.R[d->Rm], c.FlagC);
    public static void Neg(ArmCpu c, Insn* d) => c.R[d->Rd] = c.AddWithCarry(0, ~c.R[d->Rm], 1);
    public static void Cmp(ArmCpu c, Insn* d) => c.AddWithCarry(c.R[d->Rd], ~c.R[d->Rm], 1);
    public static void Cmn(ArmCpu c, Insn* d) => c.AddWithCarry(c.R[d->Rd], c.R[d->Rm], 0);

    /// <summary>LSL/LSR/ASR/ROR by register: ShiftType says which.</summary>
    public static void ShiftRegister(ArmCpu c, Insn* d)
    {
        uint r = Shifter.ByRegister(c.R[d->Rd], d->ShiftType, c.R[d->Rm], c.FlagC, out uint carry);
        c.R[d->Rd] = r;
        c.SetNZ(r);
        c.FlagC = carry;
    }

    // ---- format 5: high registers ----

    public static void AddHigh(ArmCpu c, Insn* d)
    {
        uint r = c.R[d->Rd] + c.R[d->Rm];
        if (d->Rd == 15) c.BranchWritePc(r); else c.R[d->Rd] = r;
    }

    public static void CmpHigh(ArmCpu c, Insn* d) => c.AddWithCarry(c.R[d->Rd], ~c.R[d->Rm], 1);

    public static void MovHigh(ArmCpu c, Insn* d)
    {
        uint r = c.R[d->Rm];
        if (d->Rd == 15) c.BranchWritePc(r); else c.R[d->Rd] = r;
    }

    public static void BlxRegister(ArmCpu c, Insn* d)
    {
        uint target = c.R[d->Rm];
        c.R[14] = (c.R[15] - 2) | 1;
        c.BranchExchange(target);
    }

    // ---- PC- and SP-relative forms ----

    /// <summary>LDR Rd, [PC, #imm]: the base is the word-aligned PC.</summary>
    public static void LoadLiteral(ArmCpu c, Insn* d)
    {
        uint v = c.Read32((c.R[15] & ~3u) + d->Imm);
        if (c.MemoryFault) return;
        c.R[d->Rd] = v;
    }

    public static void AddPcRelative(ArmCpu c, Insn* d) => c.R[d->Rd] = (c.R[15] & ~3u) + d->Imm;
    public static void AddSpRelative(ArmCpu c, Insn* d) => c.R[d->Rd] = c.R[13] + d->Imm;
    /// <summary>ADD/SUB SP, #imm: Imm holds the signed adjustment.</summary>
    public static void AdjustSp(ArmCpu c, Insn* d) => c.R[13] += d->Imm;

    // ---- branches ----

    public static void BranchConditional(ArmCpu c, Insn* d) => c.NextPc = c.R[15] + d->Imm;

    /// <summary>First half of BL/BLX: LR = PC + (offset &lt;&lt; 12).</summary>
    public static void BranchLinkPrefix(ArmCpu c, Insn* d) => c.R[14] = c.R[15] + d->Imm;

    /// <summary>Second half of BL: jump to LR + offset, LR = return address | 1.</summary>
    public static void BranchLinkSuffix(ArmCpu c, Insn* d)
    {
        uint target = c.R[14] + d->Imm;
        c.R[14] = (c.R[15] - 2) | 1;
        c.NextPc = target & ~1u;
    }

    /// <summary>Second half of BLX: as BL but to ARM state at a word-aligned address.</summary>
    public static void BranchLinkExchangeSuffix(ArmCpu c, Insn* d)
    {
        uint target = (c.R[14] + d->Imm) & ~3u;
        c.R[14] = (c.R[15] - 2) | 1;
        c.BranchExchange(target);
    }
}
