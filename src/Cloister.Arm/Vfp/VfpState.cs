namespace Cloister.Arm.Vfp;

/// <summary>
/// The VFP register file and system registers. S registers overlay D registers as on the
/// hardware (and in QEMU): S(2n) is the low word of D(n), S(2n+1) the high word.
/// </summary>
internal sealed unsafe class VfpState
{
    public const uint FpexcEnable = 1u << 30;
    /// <summary>FPSCR bits kept as written: N Z C V, AHP, DN, FZ, RMode (LEN, STRIDE and the
    /// cumulative flags are kept separately). QC (no Advanced SIMD here) and the trap enables read
    /// as zero: QEMU implements no trapped exception handling, so writing all ones reads back
    /// 0xF7F7009F.</summary>
    const uint FpscrControlMask = 0xF7C00000;

    readonly uint[] storage = GC.AllocateArray<uint>(64, pinned: true);

    /// <summary>S0–S31 (and, beyond, the storage QEMU keeps for D16–D31, which VFPv2 cannot name
    /// except as the second register of FMSRR/FMRRS s31).</summary>
    public readonly uint* S;

    public FpStatus Status;
    public uint Fpexc, Fpinst, Fpinst2;
    uint control;
    /// <summary>FPSCR.LEN: vector length − 1.</summary>
    public int VectorLength;
    /// <summary>FPSCR.STRIDE as written (QEMU uses the raw field: singles step by STRIDE + 1).</summary>
    public int VectorStride;

    public VfpState()
    {
        fixed (uint* p = storage) S = p;
    }

    public bool Enabled => (Fpexc & FpexcEnable) != 0;

    public void Reset()
    {
        Array.Clear(storage);
        Fpexc = Fpinst = Fpinst2 = 0;
        WriteFpscr(0);
    }

    public ulong GetD(int n) => S[2 * n] | ((ulong)S[2 * n + 1] << 32);

    public void SetD(int n, ulong value)
    {
        S[2 * n] = (uint)value;
        S[2 * n + 1] = (uint)(value >> 32);
    }

    public uint ReadFpscr() =>
        control | ((uint)VectorLength << 16) | ((uint)VectorStride << 20) | Status.Flags;

    public void WriteFpscr(uint value)
    {
        control = value & FpscrControlMask;
        VectorLength = (int)((value >> 16) & 7);
        VectorStride = (int)((value >> 20) & 3);
        Status.Flags = value & FpFlags.All;
        Status.Rounding = (RoundingMode)((value >> 22) & 3);
        Status.FlushToZero = (value & (1u << 24)) != 0;
        Status.DefaultNan = (value & (1u << 25)) != 0;
    }

    /// <summary>FPSCR N Z C V (bits 31:28), for FMSTAT.</summary>
    public uint Nzcv => control & 0xF0000000;

    public void SetNzcv(uint nzcv) => control = (control & 0x0FFFFFFF) | (nzcv << 28);
}
