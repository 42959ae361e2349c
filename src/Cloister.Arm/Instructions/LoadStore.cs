namespace Cloister.Arm;

/// <summary>
/// Single loads and stores of every size, generic over the addressing form. A faulting access
/// leaves every register untouched (the base-restored abort model of ARMv5/ARMv6).
/// </summary>
internal static unsafe class LoadStore
{
    public static void Ldr<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        // A real ARM926 rotates a misaligned word; QEMU 7.2, the oracle, loads the four bytes at
        // the address (misaligned accesses take the slow path), and so does this.
        uint v = c.Read32(addr);
        if (c.MemoryFault) return;
        if (A.Writeback) c.R[d->Rn] = wb;
        if (d->Rd == 15) c.LoadWritePc(v); else c.R[d->Rd] = v;
    }

    public static void Ldrb<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        uint v = c.Read8(addr);
        if (c.MemoryFault) return;
        if (A.Writeback) c.R[d->Rn] = wb;
        c.R[d->Rd] = v;
    }

    public static void Ldrh<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        uint v = c.Read16(addr);
        if (c.MemoryFault) return;
        if (A.Writeback) c.R[d->Rn] = wb;
        c.R[d->Rd] = v;
    }

    public static void Ldrsb<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        uint v = (uint)(sbyte)c.Read8(addr);
        if (c.MemoryFault) return;
        if (A.Writeback) c.R[d->Rn] = wb;
        c.R[d->Rd] = v;
    }

    public static void Ldrsh<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        uint v = (uint)(short)c.Read16(addr);
        if (c.MemoryFault) return;
        if (A.Writeback) c.R[d->Rn] = wb;
        c.R[d->Rd] = v;
    }

    public static void Ldrd<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        if ((addr & 3) != 0 && c.Model.IsV6) { c.AlignmentFault(addr, write: false); return; } // [ARMv6 hook] QEMU: word alignment
        uint lo = c.Read32(addr);
        if (c.MemoryFault) return;
        uint hi = c.Read32(addr + 4);
        if (c.MemoryFault) return;
        if (A.Writeback) c.R[d->Rn] = wb;
        c.R[d->Rd] = lo;
        c.R[d->Rd + 1] = hi;
    }

    public static void Str<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        c.Write32(addr, c.R[d->Rd]);
        if (c.MemoryFault) return;
        if (A.Writeback) c.R[d->Rn] = wb;
    }

    public static void Strb<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        c.Write8(addr, c.R[d->Rd]);
        if (c.MemoryFault) return;
        if (A.Writeback) c.R[d->Rn] = wb;
    }

    public static void Strh<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        c.Write16(addr, c.R[d->Rd]);
        if (c.MemoryFault) return;
        if (A.Writeback) c.R[d->Rn] = wb;
    }

    public static void Strd<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        if ((addr & 3) != 0 && c.Model.IsV6) { c.AlignmentFault(addr, write: true); return; } // [ARMv6 hook] QEMU: word alignment
        c.Write32(addr, c.R[d->Rd]);
        if (c.MemoryFault) return;
        c.Write32(addr + 4, c.R[d->Rd + 1]);
        if (c.MemoryFault) return;
        if (A.Writeback) c.R[d->Rn] = wb;
    }

    // LDRT/STRT/LDRBT/STRBT: post-indexed, with User-mode permissions whatever the mode.
    public static void Ldrt<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        uint v = c.Read32User(addr);
        if (c.MemoryFault) return;
        c.R[d->Rn] = wb;
        if (d->Rd == 15) c.LoadWritePc(v); else c.R[d->Rd] = v;
    }

    public static void Ldrbt<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        uint v = c.Read8User(addr);
        if (c.MemoryFault) return;
        c.R[d->Rn] = wb;
        c.R[d->Rd] = v;
    }

    public static void Strt<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        c.Write32User(addr, c.R[d->Rd]);
        if (c.MemoryFault) return;
        c.R[d->Rn] = wb;
    }

    public static void Strbt<A>(ArmCpu c, Insn* d) where A : IAddressing
    {
        uint addr = A.Address(c, d, out uint wb);
        c.Write8User(addr, c.R[d->Rd]);
        if (c.MemoryFault) return;
        c.R[d->Rn] = wb;
    }

    /// <summary>SWP/SWPB: Extra bit 0 = byte. Rd = [Rn]; [Rn] = Rm.</summary>
    public static void Swp(ArmCpu c, Insn* d)
    {
        uint addr = c.R[d->Rn];
        uint newValue = c.R[d->Rm];
        if (d->Extra != 0)
        {
            uint old = c.Read8(addr);
            if (c.MemoryFault) return;
            c.Write8(addr, newValue);
            if (c.MemoryFault) return;
            c.R[d->Rd] = old;
        }
        else
        {
            // QEMU requires SWP's word to be aligned whatever SCTLR.A says.
            if ((addr & 3) != 0) { c.AlignmentFault(addr); return; }
            uint old = c.Read32(addr);
            if (c.MemoryFault) return;
            c.Write32(addr, newValue);
            if (c.MemoryFault) return;
            c.R[d->Rd] = old;
        }
    }

    // Handler tables indexed by addressing form: 0 imm offset, 1 imm pre, 2 imm post, 3 reg offset, 4 reg pre, 5 reg post.
    public static readonly delegate*<ArmCpu, Insn*, void>[] LdrTable =
        [&Ldr<ImmOffset>, &Ldr<ImmPreIndex>, &Ldr<ImmPostIndex>, &Ldr<RegOffset>, &Ldr<RegPreIndex>, &Ldr<RegPostIndex>];
    public static readonly delegate*<ArmCpu, Insn*, void>[] LdrbTable =
        [&Ldrb<ImmOffset>, &Ldrb<ImmPreIndex>, &Ldrb<ImmPostIndex>, &Ldrb<RegOffset>, &Ldrb<RegPreIndex>, &Ldrb<RegPostIndex>];
    public static readonly delegate*<ArmCpu, Insn*, void>[] StrTable =
        [&Str<ImmOffset>, &Str<ImmPreIndex>, &Str<ImmPostIndex>, &Str<RegOffset>, &Str<RegPreIndex>, &Str<RegPostIndex>];
    public static readonly delegate*<ArmCpu, Insn*, void>[] StrbTable =
        [&Strb<ImmOffset>, &Strb<ImmPreIndex>, &Strb<ImmPostIndex>, &Strb<RegOffset>, &Strb<RegPreIndex>, &Strb<RegPostIndex>];
    public static readonly delegate*<ArmCpu, Insn*, void>[] LdrhTable =
        [&Ldrh<ImmOffset>, &Ldrh<ImmPreIndex>, &Ldrh<ImmPostIndex>, &Ldrh<RegOffset>, &Ldrh<RegPreIndex>, &Ldrh<RegPostIndex>];
    public static readonly delegate*<ArmCpu, Insn*, void>[] StrhTable =
        [&Strh<ImmOffset>, &Strh<ImmPreIndex>, &Strh<ImmPostIndex>, &Strh<RegOffset>, &Strh<RegPreIndex>, &Strh<RegPostIndex>];
    public static readonly delegate*<ArmCpu, Insn*, void>[] LdrsbTable =
        [&Ldrsb<ImmOffset>, &Ldrsb<ImmPreIndex>, &Ldrsb<ImmPostIndex>, &Ldrsb<RegOffset>, &Ldrsb<RegPreIndex>, &Ldrsb<RegPostIndex>];
    public static readonly delegate*<ArmCpu, Insn*, void>[] LdrshTable =
        [&Ldrsh<ImmOffset>, &Ldrsh<ImmPreIndex>, &Ldrsh<ImmPostIndex>, &Ldrsh<RegOffset>, &Ldrsh<RegPreIndex>, &Ldrsh<RegPostIndex>];
    public static readonly delegate*<ArmCpu, Insn*, void>[] LdrdTable =
        [&Ldrd<ImmOffset>, &Ldrd<ImmPreIndex>, &Ldrd<ImmPostIndex>, &Ldrd<RegOffset>, &Ldrd<RegPreIndex>, &Ldrd<RegPostIndex>];
    public static readonly delegate*<ArmCpu, Insn*, void>[] StrdTable =
        [&Strd<ImmOffset>, &Strd<ImmPreIndex>, &Strd<ImmPostIndex>, &Strd<RegOffset>, &Strd<RegPreIndex>, &Strd<RegPostIndex>];
    // T forms are always post-indexed: index 2 (imm) or 5 (reg) are the ones used.
    public static readonly delegate*<ArmCpu, Insn*, void>[] LdrtTable =
        [null, null, &Ldrt<ImmPostIndex>, null, null, &Ldrt<RegPostIndex>];
    public static readonly delegate*<ArmCpu, Insn*, void>[] LdrbtTable =
        [null, null, &Ldrbt<ImmPostIndex>, null, null, &Ldrbt<RegPostIndex>];
    public static readonly delegate*<ArmCpu, Insn*, void>[] StrtTable =
        [null, null, &Strt<ImmPostIndex>, null, null, &Strt<RegPostIndex>];
    public static readonly delegate*<ArmCpu, Insn*, void>[] StrbtTable =
        [null, null, &Strbt<ImmPostIndex>, null, null, &Strbt<RegPostIndex>];
}
