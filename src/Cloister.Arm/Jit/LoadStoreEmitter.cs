using System.Reflection;
using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>
/// Native IL for single loads and stores (word, byte, halfword, signed) with immediate or register
/// offsets, same effects as LoadStore's handlers, with the software-TLB fast path inline
/// (TlbEmitter). A TLB hit touches only RAM and the register locals. A miss writes the block's
/// state back first (a device access may read virtual time, a fault must find R[15] and
/// Executed as the interpreter leaves them), then runs the block's after-call check.
/// </summary>
internal static unsafe class LoadStoreEmitter
{
    enum Kind { Ldr, Ldrb, Ldrh, Ldrsb, Ldrsh, Str, Strb, Strh }

    // Handler address -> (kind, addressing form 0-3: imm offset, imm pre-index, imm post-index, reg offset).
    static readonly Dictionary<nint, (Kind Kind, int Form)> Handlers = BuildHandlers();

    static readonly MethodInfo RegisterOffsetGet = typeof(RegisterOffset).GetMethod(nameof(RegisterOffset.Get))!;

    static Dictionary<nint, (Kind, int)> BuildHandlers()
    {
        var map = new Dictionary<nint, (Kind, int)>();
        void Add(Kind kind, delegate*<ArmCpu, Insn*, void>[] table)
        {
            for (int form = 0; form < 4; form++) map[(nint)table[form]] = (kind, form);
        }
        Add(Kind.Ldr, LoadStore.LdrTable);
        Add(Kind.Ldrb, LoadStore.LdrbTable);
        Add(Kind.Ldrh, LoadStore.LdrhTable);
        Add(Kind.Ldrsb, LoadStore.LdrsbTable);
        Add(Kind.Ldrsh, LoadStore.LdrshTable);
        Add(Kind.Str, LoadStore.StrTable);
        Add(Kind.Strb, LoadStore.StrbTable);
        Add(Kind.Strh, LoadStore.StrhTable);
        return map;
    }

    public static bool Handles(Insn* d)
    {
        if (!Handlers.TryGetValue((nint)d->Exec, out var h)) return false;
        bool load = h.Kind < Kind.Str;
        if (load && d->Rd == 15 && h.Kind != Kind.Ldr) return false;      // unpredictable
        if (h.Form is 1 or 2 && d->Rn == 15) return false;               // PC write-back
        if (h.Form == 3 && d->Rm == 15) return false;
        return true;
    }

    /// <param name="afterSlowPath">Emitted on the miss path once the access has completed
    /// without a fault: it may leave the block (an interrupt raised by a device, say).</param>
    public static void Emit(BlockContext c, Insn* d, Action afterSlowPath)
    {
        var il = c.IL;
        var (kind, form) = Handlers[(nint)d->Exec];
        var address = c.Local("ls.address", typeof(uint));
        var writeback = c.Local("ls.writeback", typeof(uint));
        var value = c.Local("ls.value", typeof(uint));

        // address (and the new base for the indexed forms)
        c.EmitLoadRegister(d->Rn);
        if (form == 2)
        {
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Stloc, address);
            il.Emit(OpCodes.Ldc_I4, (int)d->Imm);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Stloc, writeback);
        }
        else
        {
            if (form == 3 && d->ShiftType != ShiftKind.Rrx)
            {
                // RegisterOffset.Get with the shift known: Rm shifted, added or subtracted.
                var rm = c.Local("ls.rm", typeof(uint));
                c.EmitLoadRegister(d->Rm);
                il.Emit(OpCodes.Stloc, rm);
                ShiftEmitter.EmitByImmediate(c, rm, d->ShiftType, d->ShiftAmount, needCarry: false, carry: rm);
                if ((d->Extra & 1) == 0) il.Emit(OpCodes.Neg);
            }
            else if (form == 3)
            {
                // RRX reads the C flag field: write the flags back first.
                c.EmitWriteBack();
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I8, (long)d);
                il.Emit(OpCodes.Conv_I);
                il.Emit(OpCodes.Call, RegisterOffsetGet);
            }
            else
            {
                il.Emit(OpCodes.Ldc_I4, (int)d->Imm);
            }
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Stloc, address);
            if (form == 1)
            {
                il.Emit(OpCodes.Ldloc, address);
                il.Emit(OpCodes.Stloc, writeback);
            }
        }

        bool load = kind < Kind.Str;
        int size = kind switch { Kind.Ldr or Kind.Str => 4, Kind.Ldrh or Kind.Ldrsh or Kind.Strh => 2, _ => 1 };
        if (!load)
        {
            c.EmitLoadRegister(d->Rd);
            il.Emit(OpCodes.Stloc, value);
        }
        Label done = il.DefineLabel();
        TlbEmitter.EmitHostAddressOrMiss(c, write: !load, size, address, out Label miss);
        if (load)
        {
            il.Emit(size switch { 4 => OpCodes.Ldind_U4, 2 => OpCodes.Ldind_U2, _ => OpCodes.Ldind_U1 });
            EmitLoadedValue(c, kind, value);
        }
        else
        {
            il.Emit(OpCodes.Ldloc, value);
            il.Emit(size switch { 4 => OpCodes.Stind_I4, 2 => OpCodes.Stind_I2, _ => OpCodes.Stind_I1 });
        }
        EmitResults(c, d, form, load, writeback, value);
        il.Emit(OpCodes.Br, done);

        il.MarkLabel(miss);
        c.EmitWriteBack();
        if (load)
        {
            TlbEmitter.EmitSlowRead(c, size, address);
            EmitLoadedValue(c, kind, value);
        }
        else
        {
            TlbEmitter.EmitSlowWrite(c, size, address, value);
        }
        // A faulting access writes nothing back; the run loop takes the abort.
        c.EmitLoadField(BlockContext.MemoryFault);
        il.Emit(OpCodes.Brtrue, c.Exit);
        EmitResults(c, d, form, load, writeback, value);
        if (!(load && d->Rd == 15)) afterSlowPath();
        il.MarkLabel(done);
    }

    static void EmitLoadedValue(BlockContext c, Kind kind, LocalBuilder value)
    {
        if (kind == Kind.Ldrsb) c.IL.Emit(OpCodes.Conv_I1);
        if (kind == Kind.Ldrsh) c.IL.Emit(OpCodes.Conv_I2);
        c.IL.Emit(OpCodes.Stloc, value);
    }

    /// <summary>The base write-back, then the loaded register (so that LDR Rn, [Rn], #4 loads);
    /// a load to the PC leaves the block as BX does (ARMv5T interworking).</summary>
    static void EmitResults(BlockContext c, Insn* d, int form, bool load, LocalBuilder writeback, LocalBuilder value)
    {
        if (form is 1 or 2) c.EmitStoreRegister(d->Rn, () => c.IL.Emit(OpCodes.Ldloc, writeback));
        if (load && d->Rd == 15) BranchEmitter.EmitInterworkingExit(c, value);
        else if (load) c.EmitStoreRegister(d->Rd, () => c.IL.Emit(OpCodes.Ldloc, value));
    }
}
