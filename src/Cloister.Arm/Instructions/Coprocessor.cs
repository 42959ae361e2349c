namespace Cloister.Arm;

/// <summary>
/// MCR/MRC. Field use: Rs = coprocessor number, Rd, Rn = CRn, Rm = CRm,
/// ShiftType = opc1, ShiftAmount = opc2. Coprocessors other than CP14 and CP15
/// are absent: their instructions are UNDEFINED, as on a core without them.
/// </summary>
internal static unsafe class Coprocessor
{
    public static void Mrc(ArmCpu c, Insn* d)
    {
        uint value;
        bool ok = d->Rs switch
        {
            15 => c.Cp15.TryRead(d->ShiftType, d->Rn, d->Rm, d->ShiftAmount, out value),
            14 => c.Cp14.TryRead(d->ShiftType, d->Rn, d->Rm, d->ShiftAmount, out value),
            _ => Absent(out value),
        };
        if (!ok)
        {
            c.LogUnimplemented($"MRC p{d->Rs}, {d->ShiftType}, c{d->Rn}, c{d->Rm}, {d->ShiftAmount}: undefined");
            c.RaiseUndefined();
            return;
        }
        if (d->Rs == 15 && c.Cp15.ReadsNothing(d->ShiftType, d->Rn, d->Rm, d->ShiftAmount))
            return; // QEMU's no-op registers leave Rd as it was
        if (d->Rd == 15)
        {
            // MRC to r15 copies the top four bits into NZCV (cache test-and-clean loops use this).
            c.FlagN = value >> 31; c.FlagZ = (value >> 30) & 1; c.FlagC = (value >> 29) & 1; c.FlagV = (value >> 28) & 1;
        }
        else
        {
            c.R[d->Rd] = value;
        }
    }

    public static void Mcr(ArmCpu c, Insn* d)
    {
        bool ok = d->Rs switch
        {
            15 => c.Cp15.TryWrite(d->ShiftType, d->Rn, d->Rm, d->ShiftAmount, c.R[d->Rd]),
            14 => c.Cp14.TryWrite(d->ShiftType, d->Rn, d->Rm, d->ShiftAmount, c.R[d->Rd]),
            _ => false,
        };
        if (!ok)
        {
            c.LogUnimplemented($"MCR p{d->Rs}, {d->ShiftType}, c{d->Rn}, c{d->Rm}, {d->ShiftAmount}: undefined");
            c.RaiseUndefined();
        }
    }

    static bool Absent(out uint value)
    {
        value = 0;
        return false;
    }
}
