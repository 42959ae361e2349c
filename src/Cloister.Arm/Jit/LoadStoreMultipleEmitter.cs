using System.Numerics;
using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>
/// Native IL for LDM/STM (and Thumb PUSH/POP/LDMIA/STMIA) without the user-bank forms (a PC in
/// a load list leaves the block as BX does): when the TLB maps the first address for an aligned access and the
/// whole transfer stays on that page, the words move between host memory and the register locals
/// directly; otherwise the block writes its state back and the interpreter's handler runs
/// (faults, alignment, devices, page crossing), as for single loads and stores.
/// </summary>
internal static unsafe class LoadStoreMultipleEmitter
{
    static readonly nint Ldm = (nint)(delegate*<ArmCpu, Insn*, void>)&LoadStoreMultiple.Ldm;
    static readonly nint Stm = (nint)(delegate*<ArmCpu, Insn*, void>)&LoadStoreMultiple.Stm;

    public static bool Handles(Insn* d)
    {
        bool load = (nint)d->Exec == Ldm;
        if (!load && (nint)d->Exec != Stm) return false;
        if ((d->Extra & LoadStoreMultiple.UserBank) != 0 || d->Rn == 15) return false;
        return load || (d->Imm & 0x8000) == 0;
    }

    /// <summary>The registers the instruction reads or writes, for BlockContext.EmitUse.</summary>
    public static void EmitUse(BlockContext c, Insn* d)
    {
        c.EmitUseRegister(d->Rn);
        for (int r = 0; r < 15; r++)
            if ((d->Imm & (1u << r)) != 0) c.EmitUseRegister(r);
    }

    /// <param name="afterSlowPath">Emitted after the handler has completed without a fault.</param>
    public static void Emit(BlockContext c, Insn* d, Action afterSlowPath)
    {
        var il = c.IL;
        bool load = (nint)d->Exec == Ldm;
        uint list = d->Imm;
        int size = BitOperations.PopCount(list) * 4;
        bool up = (d->Extra & LoadStoreMultiple.Up) != 0, pre = (d->Extra & LoadStoreMultiple.PreIndex) != 0;
        bool writeback = (d->Extra & LoadStoreMultiple.Writeback) != 0;
        // Lowest address relative to Rn, as LoadStoreMultiple.StartAddress computes it.
        int start = up ? (pre ? 4 : 0) : (pre ? -size : -size + 4);
        var address = c.Local("ldm.address", typeof(uint));
        var host = c.Local("ldm.host", typeof(byte*));
        var pcValue = c.Local("ldm.pc", typeof(uint));
        Label done = il.DefineLabel();

        c.EmitLoadRegister(d->Rn);
        il.Emit(OpCodes.Ldc_I4, start);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, address);
        TlbEmitter.EmitHostAddressOrMiss(c, write: !load, 4, address, out Label slow);
        il.Emit(OpCodes.Stloc, host);
        // The whole transfer on this page.
        il.Emit(OpCodes.Ldloc, address);
        il.Emit(OpCodes.Ldc_I4, 0xFFF);
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Ldc_I4, 0x1000 - size);
        il.Emit(OpCodes.Bgt_Un, slow);

        if (load && writeback) EmitWriteback(c, d, up ? size : -size);
        int offset = 0;
        for (int r = 0; r < 16; r++)
        {
            if ((list & (1u << r)) == 0) continue;
            if (load && r == 15)
            {
                EmitWord(il, host, offset, OpCodes.Ldind_U4);
                il.Emit(OpCodes.Stloc, pcValue);
            }
            else if (load)
            {
                c.EmitStoreRegister(r, () => EmitWord(il, host, offset, OpCodes.Ldind_U4));
            }
            else
            {
                EmitWordAddress(il, host, offset);
                c.EmitLoadRegister(r);
                il.Emit(OpCodes.Stind_I4);
            }
            offset += 4;
        }
        if (!load && writeback) EmitWriteback(c, d, up ? size : -size);
        bool loadsPc = load && (list & 0x8000) != 0;
        if (loadsPc) BranchEmitter.EmitInterworkingExit(c, pcValue);
        else il.Emit(OpCodes.Br, done);

        il.MarkLabel(slow);
        c.EmitWriteBack();
        HandlerCallEmitter.Emit(c, d);
        c.EmitLoadField(BlockContext.MemoryFault);
        il.Emit(OpCodes.Brtrue, c.Exit);
        if (loadsPc)
        {
            // The handler wrote every field it changed, NextPc included: leave as it left them.
            il.Emit(OpCodes.Ret);
            il.MarkLabel(done);
            return;
        }
        // The handler wrote the fields: bring the locals up to date.
        c.EmitReloadRegister(d->Rn);
        for (int r = 0; r < 15; r++)
            if ((list & (1u << r)) != 0) c.EmitReloadRegister(r);
        afterSlowPath();
        il.MarkLabel(done);
    }

    static void EmitWriteback(BlockContext c, Insn* d, int delta)
    {
        c.EmitStoreRegister(d->Rn, () =>
        {
            c.EmitLoadRegister(d->Rn);
            c.IL.Emit(OpCodes.Ldc_I4, delta);
            c.IL.Emit(OpCodes.Add);
        });
    }

    static void EmitWordAddress(ILGenerator il, LocalBuilder host, int offset)
    {
        il.Emit(OpCodes.Ldloc, host);
        if (offset != 0)
        {
            il.Emit(OpCodes.Ldc_I4, offset);
            il.Emit(OpCodes.Add);
        }
    }

    static void EmitWord(ILGenerator il, LocalBuilder host, int offset, OpCode load)
    {
        EmitWordAddress(il, host, offset);
        il.Emit(load);
    }
}
