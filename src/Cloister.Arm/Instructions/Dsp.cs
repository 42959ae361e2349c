namespace Cloister.Arm;

/// <summary>ARMv5TE DSP extension: saturating add/subtract, 16-bit multiplies, CLZ.
/// Field use: Rd, Rn, Rm, Rs; Extra bit 0 = x (top half of Rm), bit 1 = y (top half of Rs).</summary>
internal static unsafe class Dsp
{
    static uint SaturatingAdd(ArmCpu c, uint a, uint b)
    {
        long r = (long)(int)a + (int)b;
        return Saturate(c, r);
    }

    static uint SaturatingSub(ArmCpu c, uint a, uint b)
    {
        long r = (long)(int)a - (int)b;
        return Saturate(c, r);
    }

    static uint Saturate(ArmCpu c, long r)
    {
        if (r > int.MaxValue) { c.FlagQ = 1; return int.MaxValue; }
        if (r < int.MinValue) { c.FlagQ = 1; return unchecked((uint)int.MinValue); }
        return (uint)r;
    }

    public static void Qadd(ArmCpu c, Insn* d) => c.R[d->Rd] = SaturatingAdd(c, c.R[d->Rm], c.R[d->Rn]);
    public static void Qsub(ArmCpu c, Insn* d) => c.R[d->Rd] = SaturatingSub(c, c.R[d->Rm], c.R[d->Rn]);

    public static void Qdadd(ArmCpu c, Insn* d)
    {
        uint doubled = SaturatingAdd(c, c.R[d->Rn], c.R[d->Rn]);
        c.R[d->Rd] = SaturatingAdd(c, c.R[d->Rm], doubled);
    }

    public static void Qdsub(ArmCpu c, Insn* d)
    {
        uint doubled = SaturatingAdd(c, c.R[d->Rn], c.R[d->Rn]);
        c.R[d->Rd] = SaturatingSub(c, c.R[d->Rm], doubled);
    }

    static int Half(uint v, bool top) => top ? (short)(v >> 16) : (short)v;

    /// <summary>SMLA&lt;x&gt;&lt;y&gt;: Rd = Rm.x * Rs.y + Rn, Q set if the addition overflows.</summary>
    public static void Smlaxy(ArmCpu c, Insn* d)
    {
        int product = Half(c.R[d->Rm], (d->Extra & 1) != 0) * Half(c.R[d->Rs], (d->Extra & 2) != 0);
        long sum = (long)product + (int)c.R[d->Rn];
        if (sum != (int)sum) c.FlagQ = 1;
        c.R[d->Rd] = (uint)sum;
    }

    public static void Smulxy(ArmCpu c, Insn* d) =>
        c.R[d->Rd] = (uint)(Half(c.R[d->Rm], (d->Extra & 1) != 0) * Half(c.R[d->Rs], (d->Extra & 2) != 0));

    /// <summary>SMLAW&lt;y&gt;: Rd = (Rm * Rs.y) >> 16 + Rn.</summary>
    public static void Smlawy(ArmCpu c, Insn* d)
    {
        long product = ((long)(int)c.R[d->Rm] * Half(c.R[d->Rs], (d->Extra & 2) != 0)) >> 16;
        long sum = product + (int)c.R[d->Rn];
        if (sum != (int)sum) c.FlagQ = 1;
        c.R[d->Rd] = (uint)sum;
    }

    public static void Smulwy(ArmCpu c, Insn* d) =>
        c.R[d->Rd] = (uint)(((long)(int)c.R[d->Rm] * Half(c.R[d->Rs], (d->Extra & 2) != 0)) >> 16);

    /// <summary>SMLAL&lt;x&gt;&lt;y&gt;: RdHi:RdLo += Rm.x * Rs.y (RdHi = Rd, RdLo = Rn).</summary>
    public static void Smlalxy(ArmCpu c, Insn* d)
    {
        long product = Half(c.R[d->Rm], (d->Extra & 1) != 0) * Half(c.R[d->Rs], (d->Extra & 2) != 0);
        ulong acc = ((ulong)c.R[d->Rd] << 32) | c.R[d->Rn];
        ulong r = acc + (ulong)product;
        c.R[d->Rn] = (uint)r;
        c.R[d->Rd] = (uint)(r >> 32);
    }

    public static void Clz(ArmCpu c, Insn* d) => c.R[d->Rd] = (uint)uint.LeadingZeroCount(c.R[d->Rm]);
}
