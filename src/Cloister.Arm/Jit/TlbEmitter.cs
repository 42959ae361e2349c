using System.Reflection;
using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>
/// The software-TLB fast path in IL, with the same logic as ArmCpu.Read32/Write32 and friends:
/// a hit reads or writes host memory directly, a miss calls the (non-inlined) slow path. A hit
/// is always RAM that holds no decoded code (pages with code are kept out of the write TLBs), so
/// nothing can observe the CPU's state during it: the emitters write the block's state back on
/// the miss path only.
/// Spelled out in IL so that the fast path is visible to later optimisations (address and
/// register values kept in locals); run speed and translation cost equal calling the accessors.
/// </summary>
internal static class TlbEmitter
{
    static readonly FieldInfo ReadTlb = BlockContext.Field(nameof(ArmCpu.ReadTlb));
    static readonly FieldInfo WriteTlb = BlockContext.Field(nameof(ArmCpu.WriteTlb));
    static readonly FieldInfo CurrentMode = BlockContext.Field(nameof(ArmCpu.CurrentMode));
    static readonly FieldInfo Tag = typeof(TlbEntry).GetField(nameof(TlbEntry.Tag))!;
    static readonly FieldInfo Addend = typeof(TlbEntry).GetField(nameof(TlbEntry.Addend))!;
    static readonly MethodInfo ReadSlow = BlockContext.Method("ReadSlow");
    static readonly MethodInfo WriteSlow = BlockContext.Method("WriteSlow");

    /// <summary>The slow path of a read (a TLB miss): pushes the zero-extended value of
    /// <paramref name="size"/> bytes at <paramref name="address"/>, or sets MemoryFault.</summary>
    public static void EmitSlowRead(BlockContext c, int size, LocalBuilder address)
    {
        var il = c.IL;
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldloc, address);
        il.Emit(OpCodes.Ldc_I4, size);
        EmitIsUser(c);
        il.Emit(OpCodes.Call, ReadSlow);
    }

    /// <summary>The slow path of a write of the low <paramref name="size"/> bytes of <paramref name="value"/>.</summary>
    public static void EmitSlowWrite(BlockContext c, int size, LocalBuilder address, LocalBuilder value)
    {
        var il = c.IL;
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldloc, address);
        il.Emit(OpCodes.Ldc_I4, size);
        il.Emit(OpCodes.Ldloc, value);
        EmitIsUser(c);
        il.Emit(OpCodes.Call, WriteSlow);
    }

    /// <summary>Pushes the host address of <paramref name="address"/> if the TLB maps it for an
    /// aligned access of <paramref name="size"/> bytes (reads, or writes with <paramref name="write"/>); else goes to <paramref name="miss"/>.</summary>
    public static void EmitHostAddressOrMiss(BlockContext c, bool write, int size, LocalBuilder address, out Label miss)
    {
        var entry = EmitLookup(c, write ? WriteTlb : ReadTlb, size, address, out miss);
        EmitHostAddress(c.IL, entry, address);
    }

    // entry = tlb + ((va >> 12) & TlbMask); hit when entry->Tag == va & (page | alignment bits).
    static LocalBuilder EmitLookup(BlockContext c, FieldInfo tlb, int size, LocalBuilder address, out Label miss)
    {
        var il = c.IL;
        var entry = c.Local("tlb.entry", typeof(TlbEntry).MakePointerType());
        miss = il.DefineLabel();
        c.EmitLoadField(tlb);
        il.Emit(OpCodes.Ldloc, address);
        il.Emit(OpCodes.Ldc_I4, 12);
        il.Emit(OpCodes.Shr_Un);
        il.Emit(OpCodes.Ldc_I4, ArmCpu.TlbMaskForJit);
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Sizeof, typeof(TlbEntry));
        il.Emit(OpCodes.Mul);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, entry);
        il.Emit(OpCodes.Ldloc, entry);
        il.Emit(OpCodes.Ldfld, Tag);
        il.Emit(OpCodes.Ldloc, address);
        il.Emit(OpCodes.Ldc_I4, unchecked((int)(0xFFFFF000u | (uint)(size - 1))));
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Bne_Un, miss);
        return entry;
    }

    static void EmitHostAddress(ILGenerator il, LocalBuilder entry, LocalBuilder address)
    {
        il.Emit(OpCodes.Ldloc, entry);
        il.Emit(OpCodes.Ldfld, Addend);
        il.Emit(OpCodes.Ldloc, address);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Add);
    }

    static void EmitIsUser(BlockContext c)
    {
        c.EmitLoadField(CurrentMode);
        c.IL.Emit(OpCodes.Ldc_I4, (int)CpuMode.User);
        c.IL.Emit(OpCodes.Ceq);
    }
}
