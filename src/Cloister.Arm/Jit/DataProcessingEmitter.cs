using System.Reflection;
using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>Native IL for the sixteen data-processing instructions in all operand forms, with the
/// same effects as DataProcessing's handlers. Writes to the PC stay with the handlers.</summary>
internal static unsafe class DataProcessingEmitter
{
    const int And = 0, Eor = 1, Sub = 2, Rsb = 3, Add = 4, Adc = 5, Sbc = 6, Rsc = 7,
        Tst = 8, Teq = 9, Cmp = 10, Cmn = 11, Orr = 12, Mov = 13, Bic = 14, Mvn = 15;

    // Handler address -> (opcode, operand form, S), from the decoder's own table.
    static readonly Dictionary<nint, (int Op, int Form, bool S)> Handlers = BuildHandlers();

    static readonly MethodInfo ShiftByRegister = typeof(Shifter).GetMethod(nameof(Shifter.ByRegister),
        [typeof(uint), typeof(int), typeof(uint), typeof(uint), typeof(uint).MakeByRefType()])!;

    static Dictionary<nint, (int, int, bool)> BuildHandlers()
    {
        var map = new Dictionary<nint, (int, int, bool)>();
        for (int i = 0; i < 16 * 8; i++)
            map[(nint)DataProcessing.Table[i]] = (i / 8, (i / 2) & 3, (i & 1) != 0);
        return map;
    }

    public static bool Handles(Insn* d)
    {
        if (!Handlers.TryGetValue((nint)d->Exec, out var h)) return false;
        bool writesRd = h.Op is < Tst or > Cmn;
        if (writesRd && d->Rd == 15) return false;
        // Register-shifted forms read the PC as +12 on some cores: leave them to the handler.
        if (h.Form == 3 && (d->Rn == 15 || d->Rm == 15 || d->Rs == 15)) return false;
        return true;
    }

    public static void Emit(BlockContext c, Insn* d)
    {
        var il = c.IL;
        var (op, form, s) = Handlers[(nint)d->Exec];
        bool logical = op is And or Eor or Orr or Mov or Bic or Mvn or Tst or Teq;
        bool needCarry = logical && (s || op is Tst or Teq);
        var a = c.Local("dp.a", typeof(uint));
        var b = c.Local("dp.b", typeof(uint));
        var carry = c.Local("dp.carry", typeof(uint));
        var r = c.Local("dp.r", typeof(uint));

        EmitOperand2(c, d, form, needCarry, carry);
        il.Emit(OpCodes.Stloc, b);
        if (op is not (Mov or Mvn))
        {
            c.EmitLoadRegister(d->Rn);
            il.Emit(OpCodes.Stloc, a);
        }

        if (logical)
        {
            switch (op)
            {
                case And or Tst: Binary(OpCodes.And); break;
                case Eor or Teq: Binary(OpCodes.Xor); break;
                case Orr: Binary(OpCodes.Or); break;
                case Bic: il.Emit(OpCodes.Ldloc, a); il.Emit(OpCodes.Ldloc, b); il.Emit(OpCodes.Not); il.Emit(OpCodes.And); break;
                case Mov: il.Emit(OpCodes.Ldloc, b); break;
                case Mvn: il.Emit(OpCodes.Ldloc, b); il.Emit(OpCodes.Not); break;
            }
            il.Emit(OpCodes.Stloc, r);
            if (needCarry)
            {
                FlagEmitter.EmitSetNZ(c, r);
                il.Emit(OpCodes.Ldloc, carry);
                c.EmitStoreFlag(CachedState.C);
            }
        }
        else
        {
            // Every arithmetic form is x + y + carry-in: a - b = a + ~b + 1, a - b - !C = a + ~b + C.
            var (x, notX, y, notY) = op switch
            {
                Add or Adc or Cmn => (a, false, b, false),
                Sub or Sbc or Cmp => (a, false, b, true),
                _ => (b, false, a, true), // Rsb, Rsc
            };
            var xv = c.Local("dp.x", typeof(uint));
            var yv = c.Local("dp.y", typeof(uint));
            il.Emit(OpCodes.Ldloc, x);
            if (notX) il.Emit(OpCodes.Not);
            il.Emit(OpCodes.Stloc, xv);
            il.Emit(OpCodes.Ldloc, y);
            if (notY) il.Emit(OpCodes.Not);
            il.Emit(OpCodes.Stloc, yv);
            void PushCarryIn()
            {
                if (op is Adc or Sbc or Rsc) c.EmitLoadFlag(CachedState.C);
                else il.Emit(op is Sub or Rsb or Cmp ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
            }
            if (s || op is Cmp or Cmn)
            {
                FlagEmitter.EmitAddWithCarry(c, xv, yv, PushCarryIn, r);
            }
            else
            {
                il.Emit(OpCodes.Ldloc, xv);
                il.Emit(OpCodes.Ldloc, yv);
                il.Emit(OpCodes.Add);
                PushCarryIn();
                il.Emit(OpCodes.Add);
                il.Emit(OpCodes.Stloc, r);
            }
        }

        if (op is < Tst or > Cmn)
            c.EmitStoreRegister(d->Rd, () => il.Emit(OpCodes.Ldloc, r));

        void Binary(OpCode code)
        {
            il.Emit(OpCodes.Ldloc, a);
            il.Emit(OpCodes.Ldloc, b);
            il.Emit(code);
        }
    }

    /// <summary>Pushes the second operand; with <paramref name="needCarry"/> also sets the shifter carry-out.</summary>
    static void EmitOperand2(BlockContext c, Insn* d, int form, bool needCarry, LocalBuilder carry)
    {
        var il = c.IL;
        switch (form)
        {
            case 0:
                if (needCarry)
                {
                    if (d->Extra == 2) c.EmitLoadFlag(CachedState.C);
                    else il.Emit(OpCodes.Ldc_I4, (int)d->Extra);
                    il.Emit(OpCodes.Stloc, carry);
                }
                il.Emit(OpCodes.Ldc_I4, (int)d->Imm);
                return;
            case 1:
                if (needCarry)
                {
                    c.EmitLoadFlag(CachedState.C);
                    il.Emit(OpCodes.Stloc, carry);
                }
                c.EmitLoadRegister(d->Rm);
                return;
            case 2:
                var value = c.Local("dp.shifted", typeof(uint));
                c.EmitLoadRegister(d->Rm);
                il.Emit(OpCodes.Stloc, value);
                ShiftEmitter.EmitByImmediate(c, value, d->ShiftType, d->ShiftAmount, needCarry, carry);
                return;
            default:
                c.EmitLoadRegister(d->Rm);
                il.Emit(OpCodes.Ldc_I4, (int)d->ShiftType);
                c.EmitLoadRegister(d->Rs);
                c.EmitLoadFlag(CachedState.C);
                il.Emit(OpCodes.Ldloca, carry);
                il.Emit(OpCodes.Call, ShiftByRegister);
                return;
        }
    }
}
