using System.Runtime.CompilerServices;

namespace Cloister.Arm;

// ARMv6 media instructions: parallel add/subtract (all six flavours), SEL, USAD8/USADA8, PKHBT/PKHTB,
// the extend (and extend-and-add) family, REV/REV16/REVSH, SSAT/USAT/SSAT16/USAT16 and the v6 signed
// multiplies. Field use: Rd, Rn, Rm as in the encoding unless noted; see MediaDecoder.

/// <summary>How one parallel add/subtract flavour combines a lane: S and U set GE, Q and UQ saturate,
/// SH and UH halve. A type so the JIT specialises each handler.</summary>
internal interface IParallelFlavour
{
    static abstract bool Signed { get; }
    /// <summary>0 = wrap and set GE, 1 = saturate, 2 = halve.</summary>
    static abstract int Kind { get; }
}
internal struct ParS : IParallelFlavour { public static bool Signed => true; public static int Kind => 0; }
internal struct ParQ : IParallelFlavour { public static bool Signed => true; public static int Kind => 1; }
internal struct ParSH : IParallelFlavour { public static bool Signed => true; public static int Kind => 2; }
internal struct ParU : IParallelFlavour { public static bool Signed => false; public static int Kind => 0; }
internal struct ParUQ : IParallelFlavour { public static bool Signed => false; public static int Kind => 1; }
internal struct ParUH : IParallelFlavour { public static bool Signed => false; public static int Kind => 2; }

/// <summary>The halfword operations: which lane subtracts and whether Rm's halves are exchanged.</summary>
internal interface IParallel16Op
{
    static abstract bool Exchange { get; }
    static abstract bool LowSub { get; }
    static abstract bool HighSub { get; }
}
internal struct OpAdd16 : IParallel16Op { public static bool Exchange => false; public static bool LowSub => false; public static bool HighSub => false; }
internal struct OpAsx : IParallel16Op { public static bool Exchange => true; public static bool LowSub => true; public static bool HighSub => false; }
internal struct OpSax : IParallel16Op { public static bool Exchange => true; public static bool LowSub => false; public static bool HighSub => true; }
internal struct OpSub16 : IParallel16Op { public static bool Exchange => false; public static bool LowSub => true; public static bool HighSub => true; }

internal interface IParallel8Op { static abstract bool Sub { get; } }
internal struct OpAdd8 : IParallel8Op { public static bool Sub => false; }
internal struct OpSub8 : IParallel8Op { public static bool Sub => true; }

internal static unsafe class Media
{
    // ---- parallel add/subtract ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static uint Lane<F>(uint a, uint b, int bits, bool sub, out bool ge) where F : IParallelFlavour
    {
        int x, y;
        if (F.Signed)
        {
            x = (int)(a << (32 - bits)) >> (32 - bits);
            y = (int)(b << (32 - bits)) >> (32 - bits);
        }
        else
        {
            x = (int)a;
            y = (int)b;
        }
        int r = sub ? x - y : x + y;
        uint mask = (1u << bits) - 1;
        ge = false;
        switch (F.Kind)
        {
            case 0:
                ge = F.Signed || sub ? r >= 0 : r >= (1 << bits);
                return (uint)r & mask;
            case 1:
                if (F.Signed)
                {
                    int max = (1 << (bits - 1)) - 1, min = -(1 << (bits - 1));
                    return (uint)(r > max ? max : r < min ? min : r) & mask;
                }
                return (uint)(r < 0 ? 0 : r > (int)mask ? (int)mask : r);
            default:
                return (uint)(r >> 1) & mask;
        }
    }

    public static void Parallel16<F, O>(ArmCpu c, Insn* d) where F : IParallelFlavour where O : IParallel16Op
    {
        uint a = c.R[d->Rn], b = c.R[d->Rm];
        if (O.Exchange) b = (b >> 16) | (b << 16);
        uint lo = Lane<F>(a & 0xFFFF, b & 0xFFFF, 16, O.LowSub, out bool geLo);
        uint hi = Lane<F>(a >> 16, b >> 16, 16, O.HighSub, out bool geHi);
        if (F.Kind == 0) c.FlagGE = (geLo ? 3u : 0) | (geHi ? 0xCu : 0);
        c.R[d->Rd] = lo | (hi << 16);
    }

    public static void Parallel8<F, O>(ArmCpu c, Insn* d) where F : IParallelFlavour where O : IParallel8Op
    {
        uint a = c.R[d->Rn], b = c.R[d->Rm];
        uint result = 0, ge = 0;
        for (int i = 0; i < 4; i++)
        {
            uint r = Lane<F>((a >> (8 * i)) & 0xFF, (b >> (8 * i)) & 0xFF, 8, O.Sub, out bool g);
            result |= r << (8 * i);
            if (g) ge |= 1u << i;
        }
        if (F.Kind == 0) c.FlagGE = ge;
        c.R[d->Rd] = result;
    }

    /// <summary>Handlers indexed by flavour (S, Q, SH, U, UQ, UH) * 8 + op (ADD16, ASX, SAX, SUB16, ADD8, -, -, SUB8).</summary>
    public static readonly delegate*<ArmCpu, Insn*, void>[] ParallelTable = BuildParallelTable();

    static delegate*<ArmCpu, Insn*, void>[] BuildParallelTable()
    {
        var t = new delegate*<ArmCpu, Insn*, void>[48];
        Fill<ParS>(t, 0); Fill<ParQ>(t, 1); Fill<ParSH>(t, 2);
        Fill<ParU>(t, 3); Fill<ParUQ>(t, 4); Fill<ParUH>(t, 5);
        return t;
    }

    static void Fill<F>(delegate*<ArmCpu, Insn*, void>[] t, int flavour) where F : IParallelFlavour
    {
        int b = flavour * 8;
        t[b + 0] = &Parallel16<F, OpAdd16>;
        t[b + 1] = &Parallel16<F, OpAsx>;
        t[b + 2] = &Parallel16<F, OpSax>;
        t[b + 3] = &Parallel16<F, OpSub16>;
        t[b + 4] = &Parallel8<F, OpAdd8>;
        t[b + 5] = &Miscellaneous.Undefined;
        t[b + 6] = &Miscellaneous.Undefined;
        t[b + 7] = &Parallel8<F, OpSub8>;
    }

    // ---- select, sum of absolute differences, pack ----

    public static void Sel(ArmCpu c, Insn* d)
    {
        uint ge = c.FlagGE;
        uint mask = ((ge & 1) != 0 ? 0xFFu : 0) | ((ge & 2) != 0 ? 0xFF00u : 0)
                    | ((ge & 4) != 0 ? 0xFF0000u : 0) | ((ge & 8) != 0 ? 0xFF000000u : 0);
        c.R[d->Rd] = (c.R[d->Rn] & mask) | (c.R[d->Rm] & ~mask);
    }

    static uint SumAbsoluteDifferences(uint a, uint b)
    {
        uint sum = 0;
        for (int i = 0; i < 32; i += 8)
        {
            int x = (int)((a >> i) & 0xFF) - (int)((b >> i) & 0xFF);
            sum += (uint)(x < 0 ? -x : x);
        }
        return sum;
    }

    /// <summary>USAD8: Rd (19:16) = sum |Rn.b - Rm.b|; Rn = 3:0, Rm = 11:8.</summary>
    public static void Usad8(ArmCpu c, Insn* d) => c.R[d->Rd] = SumAbsoluteDifferences(c.R[d->Rn], c.R[d->Rm]);

    /// <summary>USADA8: as USAD8 plus Ra (Rs).</summary>
    public static void Usada8(ArmCpu c, Insn* d) =>
        c.R[d->Rd] = SumAbsoluteDifferences(c.R[d->Rn], c.R[d->Rm]) + c.R[d->Rs];

    /// <summary>PKHBT: Rd = Rn[15:0] | (Rm LSL ShiftAmount)[31:16].</summary>
    public static void Pkhbt(ArmCpu c, Insn* d) =>
        c.R[d->Rd] = (c.R[d->Rn] & 0xFFFF) | ((c.R[d->Rm] << d->ShiftAmount) & 0xFFFF0000);

    /// <summary>PKHTB: Rd = Rn[31:16] | (Rm ASR ShiftAmount)[15:0]; ShiftAmount is 1..32.</summary>
    public static void Pkhtb(ArmCpu c, Insn* d)
    {
        int amount = d->ShiftAmount;
        uint shifted = (uint)((int)c.R[d->Rm] >> (amount >= 32 ? 31 : amount));
        c.R[d->Rd] = (c.R[d->Rn] & 0xFFFF0000) | (shifted & 0xFFFF);
    }

    // ---- extend and extend-and-add: ShiftAmount = rotation (0, 8, 16, 24) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static uint Rotated(ArmCpu c, Insn* d) => uint.RotateRight(c.R[d->Rm], d->ShiftAmount);

    public static void Sxtb(ArmCpu c, Insn* d) => c.R[d->Rd] = (uint)(sbyte)Rotated(c, d);
    public static void Sxth(ArmCpu c, Insn* d) => c.R[d->Rd] = (uint)(short)Rotated(c, d);
    public static void Uxtb(ArmCpu c, Insn* d) => c.R[d->Rd] = Rotated(c, d) & 0xFF;
    public static void Uxth(ArmCpu c, Insn* d) => c.R[d->Rd] = Rotated(c, d) & 0xFFFF;
    public static void Sxtab(ArmCpu c, Insn* d) => c.R[d->Rd] = c.R[d->Rn] + (uint)(sbyte)Rotated(c, d);
    public static void Sxtah(ArmCpu c, Insn* d) => c.R[d->Rd] = c.R[d->Rn] + (uint)(short)Rotated(c, d);
    public static void Uxtab(ArmCpu c, Insn* d) => c.R[d->Rd] = c.R[d->Rn] + (Rotated(c, d) & 0xFF);
    public static void Uxtah(ArmCpu c, Insn* d) => c.R[d->Rd] = c.R[d->Rn] + (Rotated(c, d) & 0xFFFF);

    public static void Sxtb16(ArmCpu c, Insn* d)
    {
        uint v = Rotated(c, d);
        c.R[d->Rd] = ((uint)(sbyte)v & 0xFFFF) | ((uint)(sbyte)(v >> 16) << 16);
    }

    public static void Uxtb16(ArmCpu c, Insn* d) => c.R[d->Rd] = Rotated(c, d) & 0x00FF00FF;

    public static void Sxtab16(ArmCpu c, Insn* d)
    {
        uint v = Rotated(c, d), n = c.R[d->Rn];
        uint lo = (n + (uint)(sbyte)v) & 0xFFFF;
        uint hi = ((n >> 16) + (uint)(sbyte)(v >> 16)) & 0xFFFF;
        c.R[d->Rd] = lo | (hi << 16);
    }

    public static void Uxtab16(ArmCpu c, Insn* d)
    {
        uint v = Rotated(c, d), n = c.R[d->Rn];
        uint lo = (n + (v & 0xFF)) & 0xFFFF;
        uint hi = ((n >> 16) + ((v >> 16) & 0xFF)) & 0xFFFF;
        c.R[d->Rd] = lo | (hi << 16);
    }

    // ---- byte reversal ----

    public static void Rev(ArmCpu c, Insn* d) => c.R[d->Rd] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(c.R[d->Rm]);

    public static void Rev16(ArmCpu c, Insn* d)
    {
        uint v = c.R[d->Rm];
        c.R[d->Rd] = ((v & 0x00FF00FF) << 8) | ((v >> 8) & 0x00FF00FF);
    }

    public static void Revsh(ArmCpu c, Insn* d)
    {
        uint v = c.R[d->Rm];
        c.R[d->Rd] = (uint)(short)(((v & 0xFF) << 8) | ((v >> 8) & 0xFF));
    }

    // ---- saturation: Rn = source, Imm = saturation width / bound, ShiftType/ShiftAmount = LSL or ASR ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int ShiftedSource(ArmCpu c, Insn* d)
    {
        uint v = c.R[d->Rn];
        if (d->ShiftType == ShiftKind.Asr) return (int)v >> (d->ShiftAmount >= 32 ? 31 : d->ShiftAmount);
        return (int)(v << d->ShiftAmount);
    }

    static uint SignedSaturate(ArmCpu c, long v, int bits)
    {
        long max = (1L << (bits - 1)) - 1, min = -(1L << (bits - 1));
        if (v > max) { c.FlagQ = 1; return (uint)max; }
        if (v < min) { c.FlagQ = 1; return (uint)min; }
        return (uint)v;
    }

    static uint UnsignedSaturate(ArmCpu c, long v, int bits)
    {
        long max = (1L << bits) - 1;
        if (v > max) { c.FlagQ = 1; return (uint)max; }
        if (v < 0) { c.FlagQ = 1; return 0; }
        return (uint)v;
    }

    /// <summary>SSAT: Imm = width (1..32).</summary>
    public static void Ssat(ArmCpu c, Insn* d) => c.R[d->Rd] = SignedSaturate(c, ShiftedSource(c, d), (int)d->Imm);

    /// <summary>USAT: Imm = width (0..31).</summary>
    public static void Usat(ArmCpu c, Insn* d) => c.R[d->Rd] = UnsignedSaturate(c, ShiftedSource(c, d), (int)d->Imm);

    public static void Ssat16(ArmCpu c, Insn* d)
    {
        uint v = c.R[d->Rn];
        int bits = (int)d->Imm;
        uint lo = SignedSaturate(c, (short)v, bits) & 0xFFFF;
        uint hi = SignedSaturate(c, (short)(v >> 16), bits) & 0xFFFF;
        c.R[d->Rd] = lo | (hi << 16);
    }

    public static void Usat16(ArmCpu c, Insn* d)
    {
        uint v = c.R[d->Rn];
        int bits = (int)d->Imm;
        uint lo = UnsignedSaturate(c, (short)v, bits);
        uint hi = UnsignedSaturate(c, (short)(v >> 16), bits);
        c.R[d->Rd] = lo | (hi << 16);
    }

    // ---- signed multiplies: Rd = 19:16, Rn = 3:0, Rm = 11:8, Rs = Ra / RdLo (15:12); Extra = X or R ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void DualProducts(ArmCpu c, Insn* d, out long p1, out long p2)
    {
        uint n = c.R[d->Rn], m = c.R[d->Rm];
        if (d->Extra != 0) m = (m >> 16) | (m << 16);
        p1 = (long)(short)n * (short)m;
        p2 = (long)(short)(n >> 16) * (short)(m >> 16);
    }

    static void WriteWithQ(ArmCpu c, Insn* d, long result)
    {
        if (result != (int)result) c.FlagQ = 1;
        c.R[d->Rd] = (uint)result;
    }

    public static void Smlad(ArmCpu c, Insn* d)
    {
        DualProducts(c, d, out long p1, out long p2);
        WriteWithQ(c, d, p1 + p2 + (int)c.R[d->Rs]);
    }

    public static void Smuad(ArmCpu c, Insn* d)
    {
        DualProducts(c, d, out long p1, out long p2);
        WriteWithQ(c, d, p1 + p2);
    }

    public static void Smlsd(ArmCpu c, Insn* d)
    {
        DualProducts(c, d, out long p1, out long p2);
        WriteWithQ(c, d, p1 - p2 + (int)c.R[d->Rs]);
    }

    public static void Smusd(ArmCpu c, Insn* d)
    {
        DualProducts(c, d, out long p1, out long p2);
        c.R[d->Rd] = (uint)(p1 - p2);
    }

    /// <summary>SMLALD: RdHi (Rd) : RdLo (Rs) += p1 + p2.</summary>
    public static void Smlald(ArmCpu c, Insn* d)
    {
        DualProducts(c, d, out long p1, out long p2);
        ulong acc = ((ulong)c.R[d->Rd] << 32) | c.R[d->Rs];
        ulong r = acc + (ulong)(p1 + p2);
        c.R[d->Rs] = (uint)r;
        c.R[d->Rd] = (uint)(r >> 32);
    }

    public static void Smlsld(ArmCpu c, Insn* d)
    {
        DualProducts(c, d, out long p1, out long p2);
        ulong acc = ((ulong)c.R[d->Rd] << 32) | c.R[d->Rs];
        ulong r = acc + (ulong)(p1 - p2);
        c.R[d->Rs] = (uint)r;
        c.R[d->Rd] = (uint)(r >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static long Product(ArmCpu c, Insn* d) => (long)(int)c.R[d->Rn] * (int)c.R[d->Rm];

    public static void Smmul(ArmCpu c, Insn* d)
    {
        long r = Product(c, d);
        if (d->Extra != 0) r += 0x80000000L;
        c.R[d->Rd] = (uint)(r >> 32);
    }

    public static void Smmla(ArmCpu c, Insn* d)
    {
        long r = ((long)c.R[d->Rs] << 32) + Product(c, d);
        if (d->Extra != 0) r += 0x80000000L;
        c.R[d->Rd] = (uint)(r >> 32);
    }

    public static void Smmls(ArmCpu c, Insn* d)
    {
        long r = ((long)c.R[d->Rs] << 32) - Product(c, d);
        if (d->Extra != 0) r += 0x80000000L;
        c.R[d->Rd] = (uint)(r >> 32);
    }
}
