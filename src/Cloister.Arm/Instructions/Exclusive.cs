using System.Runtime.CompilerServices;

namespace Cloister.Arm;

/// <summary>The size of an exclusive access, as a type so each handler is specialised.</summary>
internal interface IExclusiveSize
{
    static abstract uint Alignment { get; }
    static abstract ulong Read(ArmCpu c, uint va);
    static abstract void Write(ArmCpu c, uint va, uint lo, uint hi);
}
internal struct ExByte : IExclusiveSize
{
    public static uint Alignment => 1;
    public static ulong Read(ArmCpu c, uint va) => c.Read8(va);
    public static void Write(ArmCpu c, uint va, uint lo, uint hi) => c.Write8(va, lo);
}
internal struct ExHalf : IExclusiveSize
{
    public static uint Alignment => 2;
    public static ulong Read(ArmCpu c, uint va) => c.Read16(va);
    public static void Write(ArmCpu c, uint va, uint lo, uint hi) => c.Write16(va, lo);
}
internal struct ExWord : IExclusiveSize
{
    public static uint Alignment => 4;
    public static ulong Read(ArmCpu c, uint va) => c.Read32(va);
    public static void Write(ArmCpu c, uint va, uint lo, uint hi) => c.Write32(va, lo);
}
internal struct ExDouble : IExclusiveSize
{
    public static uint Alignment => 8;
    public static ulong Read(ArmCpu c, uint va)
    {
        uint lo = c.Read32(va);
        if (c.MemoryFault) return 0;
        return lo | ((ulong)c.Read32(va + 4) << 32);
    }
    public static void Write(ArmCpu c, uint va, uint lo, uint hi)
    {
        c.Write32(va, lo);
        if (c.MemoryFault) return;
        c.Write32(va + 4, hi);
    }
}

/// <summary>
/// LDREX/STREX and the ARMv6K byte, halfword and doubleword forms, CLREX. Field use: Rn = base; loads:
/// Rd = Rt (and Rt+1); stores: Rd = status register, Rm = Rt (and Rt+1). Exclusive accesses must be
/// aligned to their size whatever SCTLR.A says (QEMU: MO_ALIGN), doublewords to 8.
/// </summary>
internal static unsafe class Exclusive
{
    public static void Ldrex<S>(ArmCpu c, Insn* d) where S : IExclusiveSize
    {
        uint va = c.R[d->Rn];
        if ((va & (S.Alignment - 1)) != 0) { c.AlignmentFault(va); return; }
        ulong v = S.Read(c, va);
        if (c.MemoryFault) return;
        c.OpenExclusive(va, v);
        c.R[d->Rd] = (uint)v;
        if (S.Alignment == 8) c.R[d->Rd + 1] = (uint)(v >> 32);
    }

    public static void Strex<S>(ArmCpu c, Insn* d) where S : IExclusiveSize
    {
        uint va = c.R[d->Rn];
        if (!c.ExclusiveMatches(va)) { c.R[d->Rd] = 1; return; }
        if ((va & (S.Alignment - 1)) != 0) { c.AlignmentFault(va, write: true); return; }
        uint lo = c.R[d->Rm], hi = S.Alignment == 8 ? c.R[d->Rm + 1] : 0;
        bool ok;
        lock (c.GlobalMonitor.Lock)
        {
            ulong current = S.Read(c, va);
            if (c.MemoryFault) return;
            ok = c.ExclusiveStillValid(current);
            if (ok)
            {
                S.Write(c, va, lo, hi);
                if (c.MemoryFault) return;
                c.ExclusiveStored();
            }
            else
            {
                c.ClearExclusive();
            }
        }
        c.R[d->Rd] = ok ? 0u : 1u;
    }

    public static void Clrex(ArmCpu c, Insn* d) => c.ClearExclusive();
}
