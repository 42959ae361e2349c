namespace Cloister.Arm;

/// <summary>MUL/MLA and the 64-bit multiplies. Field use: Rd, Rn (accumulate / RdLo), Rm, Rs; Extra bit 0 = S.
/// On ARMv5 the S forms set N and Z only; C and V are unchanged.</summary>
internal static unsafe class Multiply
{
    public static void Mul(ArmCpu c, Insn* d)
    {
        uint r = c.R[d->Rm] * c.R[d->Rs];
        c.R[d->Rd] = r;
        if (d->Extra != 0) c.SetNZ(r);
    }

    public static void Mla(ArmCpu c, Insn* d)
    {
        uint r = c.R[d->Rm] * c.R[d->Rs] + c.R[d->Rn];
        c.R[d->Rd] = r;
        if (d->Extra != 0) c.SetNZ(r);
    }

    // 64-bit forms: RdHi = Rd, RdLo = Rn.
    public static void Umull(ArmCpu c, Insn* d) =>
        WriteLong(c, d, (ulong)c.R[d->Rm] * c.R[d->Rs]);

    public static void Umlal(ArmCpu c, Insn* d) =>
        WriteLong(c, d, (ulong)c.R[d->Rm] * c.R[d->Rs] + (((ulong)c.R[d->Rd] << 32) | c.R[d->Rn]));

    public static void Smull(ArmCpu c, Insn* d) =>
        WriteLong(c, d, (ulong)((long)(int)c.R[d->Rm] * (int)c.R[d->Rs]));

    public static void Smlal(ArmCpu c, Insn* d) =>
        WriteLong(c, d, (ulong)((long)(int)c.R[d->Rm] * (int)c.R[d->Rs]) + (((ulong)c.R[d->Rd] << 32) | c.R[d->Rn]));

    /// <summary>ARMv6 UMAAL: RdHi:RdLo = Rm * Rs + RdHi + RdLo.</summary>
    public static void Umaal(ArmCpu c, Insn* d)
    {
        ulong r = (ulong)c.R[d->Rm] * c.R[d->Rs] + c.R[d->Rd] + c.R[d->Rn];
        c.R[d->Rn] = (uint)r;
        c.R[d->Rd] = (uint)(r >> 32);
    }

    static void WriteLong(ArmCpu c, Insn* d, ulong r)
    {
        c.R[d->Rn] = (uint)r;
        c.R[d->Rd] = (uint)(r >> 32);
        if (d->Extra != 0)
        {
            c.FlagN = (uint)(r >> 63);
            c.FlagZ = r == 0 ? 1u : 0u;
        }
    }
}
