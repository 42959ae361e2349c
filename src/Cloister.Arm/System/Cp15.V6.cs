namespace Cloister.Arm;

// ARMv6/ARMv6K additions to the CP15 map, following what QEMU registers for the V6, V6K, VAPA, MPIDR,
// EL3 (Security Extensions), CACHE_DIRTY_REG and CACHE_BLOCK_OPS features of the ARM11 models.
internal sealed partial class Cp15
{
    public uint Cpacr, Par, TpidrUrw, TpidrUro, TpidrPrw;
    // Security Extensions (arm1176).
    public uint Scr, Sder, Nsacr, Vbar, Mvbar;

    public const uint ScrNs = 1, ScrScd = 1 << 7;

    /// <summary>Exception vector base when SCTLR.V is clear: VBAR (of the current security state) on a core
    /// with the Security Extensions, 0 otherwise.</summary>
    public uint VectorBase => cpu.Model.HasSecurityExtensions ? Vbar : 0;

    // ---- Secure / Non-secure banks ----
    // The registers the Security Extensions bank. The fields (Sctlr, Ttbr0, ...) always hold the bank of
    // the current translation regime (Secure in Monitor mode or with SCR.NS clear); the other bank waits in
    // inactiveBank. CP15 accesses address the bank SCR.NS selects, which in Monitor mode may be the
    // inactive one.
    enum Banked { Sctlr, Ttbr0, Ttbr1, Ttbcr, Dacr, Dfsr, Ifsr, Dfar, Ifar, Par, Vbar, FcsePid, ContextId, TpidrUrw, TpidrUro, TpidrPrw, Count }
    readonly uint[] inactiveBank = new uint[(int)Banked.Count];
    bool activeBankSecure = true;

    bool RegimeSecure => (Scr & ScrNs) == 0 || cpu.Mode == CpuMode.Monitor;
    bool AccessesActiveBank => ((Scr & ScrNs) == 0) == activeBankSecure;

    ref uint Field(Banked r)
    {
        switch (r)
        {
            case Banked.Sctlr: return ref Sctlr;
            case Banked.Ttbr0: return ref Ttbr0;
            case Banked.Ttbr1: return ref Ttbr1;
            case Banked.Ttbcr: return ref Ttbcr;
            case Banked.Dacr: return ref Dacr;
            case Banked.Dfsr: return ref Dfsr;
            case Banked.Ifsr: return ref Ifsr;
            case Banked.Dfar: return ref Dfar;
            case Banked.Ifar: return ref Ifar;
            case Banked.Par: return ref Par;
            case Banked.Vbar: return ref Vbar;
            case Banked.FcsePid: return ref FcsePid;
            case Banked.ContextId: return ref ContextId;
            case Banked.TpidrUrw: return ref TpidrUrw;
            case Banked.TpidrUro: return ref TpidrUro;
            default: return ref TpidrPrw;
        }
    }

    /// <summary>Makes the fields hold the current regime's bank (after SCR.NS or Monitor-mode changes).</summary>
    public void SyncSecurityState()
    {
        bool secure = RegimeSecure;
        if (secure == activeBankSecure) return;
        for (int i = 0; i < (int)Banked.Count; i++)
        {
            ref uint f = ref Field((Banked)i);
            (f, inactiveBank[i]) = (inactiveBank[i], f);
        }
        activeBankSecure = secure;
        cpu.FlushTlb();
    }

    /// <summary>Wraps the map's entry for a banked register so that accesses to the inactive bank reach it.</summary>
    void AddBanked(List<CoprocessorRegister> list, Banked r, int crn, int crm, int opc1, int opc2, uint mask = 0xFFFFFFFF)
    {
        CoprocessorRegister? active = null;
        for (int i = list.Count - 1; i >= 0; i--)
            if (list[i].Matches(crn, crm, opc1, opc2)) { active = list[i]; break; }
        if (active is null) return;
        int index = (int)r;
        list.Add(active with
        {
            Read = () => AccessesActiveBank ? active.Read?.Invoke() ?? 0 : inactiveBank[index],
            Write = v =>
            {
                if (AccessesActiveBank) active.Write?.Invoke(v);
                else inactiveBank[index] = v & mask;
            },
        });
    }

    void ResetV6()
    {
        Par = TpidrUrw = TpidrUro = TpidrPrw = 0;
        WriteCpacr(0);
        Scr = Sder = Nsacr = Vbar = Mvbar = 0;
        activeBankSecure = true;
        Array.Clear(inactiveBank);
        inactiveBank[(int)Banked.Sctlr] = cpu.Model.ResetSctlr;
    }

    /// <summary>True in the Secure state: Monitor mode, or SCR.NS clear. A core without the Security
    /// Extensions counts as Non-secure, as in QEMU (PAR.NS is set for its translations).</summary>
    public bool IsSecure => cpu.Model.HasSecurityExtensions && ((Scr & ScrNs) == 0 || cpu.Mode == CpuMode.Monitor);

    /// <summary>Secure PL1 (QEMU's "EL3" for a core whose EL3 is AArch32): Secure state and privileged.</summary>
    bool IsSecurePl1 => IsSecure && cpu.IsPrivileged;

    void AddV6Registers(List<CoprocessorRegister> list)
    {
        var m = cpu.Model;
        const CpAccess PL1R = CpAccess.PrivilegedRead, PL1RW = CpAccess.PrivilegedReadWrite;
        const CpAccess PL0RW = CpAccess.PrivilegedReadWrite | CpAccess.UserRead | CpAccess.UserWrite;
        const CpAccess PL0W = CpAccess.PrivilegedWrite | CpAccess.UserWrite;

        // Identification (QEMU's v6 ID registers; the unallocated ones read as zero).
        list.Add(new("TLBTR", 0, 0, 0, 3, PL1R, () => 0));
        if (m.IsMpCore) list.Add(new("MPIDR", 0, 0, 0, 5, PL1R, () => cpu.CpuIndex));
        uint[] c1 = [m.IdPfr0, m.IdPfr1, m.IdDfr0, m.IdAfr0, m.IdMmfr0, m.IdMmfr1, m.IdMmfr2, m.IdMmfr3];
        uint[] c2 = [m.IdIsar0, m.IdIsar1, m.IdIsar2, m.IdIsar3, m.IdIsar4, m.IdIsar5, 0, 0];
        for (int i = 0; i < 8; i++)
        {
            uint v1 = c1[i], v2 = c2[i];
            list.Add(new($"ID_C1_{i}", 0, 1, 0, i, PL1R, () => v1));
            list.Add(new($"ID_C2_{i}", 0, 2, 0, i, PL1R, () => v2));
        }
        for (int crm = 3; crm < 8; crm++)
            list.Add(new("ID_RAZ", 0, crm, 0, Any, PL1R, () => 0));

        // System control.
        uint auxcr = m.Auxcr;
        list.Add(new("AUXCR", 1, 0, 0, 1, PL1RW, () => auxcr));
        list.Add(new("CPACR", 1, 0, 0, 2, PL1RW, () => Cpacr, WriteCpacr));

        // Translation: TTBCR keeps PD0/PD1 with the Security Extensions; a new ASID (CONTEXTIDR) flushes the
        // software TLB, which therefore never returns another ASID's non-global entries.
        uint ttbcrMask = m.HasSecurityExtensions ? 0x37u : 7u;
        list.Add(new("TTBCR", 2, 0, 0, 2, PL1RW, () => Ttbcr, v => { Ttbcr = v & ttbcrMask; cpu.FlushTlb(); }));
        list.Add(new("CONTEXTIDR", 13, 0, 0, 1, PL1RW, () => ContextId, v =>
        {
            if (v == ContextId) return;
            ContextId = v;
            cpu.FlushTlb();
        }));

        // Fault addresses.
        list.Add(new("WFAR", 6, 0, 0, 1, PL1RW, () => 0));
        list.Add(new("IFAR", 6, 0, 0, 2, PL1RW, () => Ifar, v => Ifar = v));

        // Barriers and prefetch (c7), callable from User mode.
        list.Add(new("ISB", 7, 5, 0, 4, PL0W, Write: _ => cpu.BreakInnerLoop()));
        list.Add(new("DSB", 7, 10, 0, 4, PL0W));
        list.Add(new("DMB", 7, 10, 0, 5, PL0W));
        if (m.CacheDirtyStatus) list.Add(new("CDSR", 7, 10, 0, 6, PL1R, () => 0));
        if (m.CacheBlockOps) list.Add(new("BXSR", 7, 12, 0, 4, CpAccess.AllRead, () => 0));

        if (m.HasVapa)
        {
            list.Add(new("PAR", 7, 4, 0, 0, PL1RW, () => Par, v => Par = v & 0xfffff1ff));
            for (int op2 = 0; op2 < 8; op2++)
            {
                int o = op2;
                list.Add(new("ATS", 7, 8, 0, o, CpAccess.PrivilegedWrite, Write: v => AddressTranslate(o, v),
                    Check: _ => (o & 4) == 0 || IsSecurePl1));
            }
        }

        if (m.IsV6K)
        {
            list.Add(new("TPIDRURW", 13, 0, 0, 2, PL0RW, () => TpidrUrw, v => TpidrUrw = v));
            list.Add(new("TPIDRURO", 13, 0, 0, 3, CpAccess.AllRead | CpAccess.PrivilegedWrite, () => TpidrUro, v => TpidrUro = v));
            list.Add(new("TPIDRPRW", 13, 0, 0, 4, PL1RW, () => TpidrPrw, v => TpidrPrw = v));
        }

        if (m.HasSecurityExtensions)
        {
            list.Add(new("SCR", 1, 1, 0, 0, PL1RW, () => Scr, WriteScr, Check: _ => IsSecurePl1));
            list.Add(new("SDER", 1, 1, 0, 1, PL1RW, () => Sder, v => Sder = v, Check: _ => IsSecurePl1));
            list.Add(new("NSACR", 1, 1, 0, 2, PL1RW, () => Nsacr, v => Nsacr = v, Check: write => !write || IsSecurePl1));
            list.Add(new("VBAR", 12, 0, 0, 0, PL1RW, () => Vbar, v => Vbar = v & ~0x1Fu));
            list.Add(new("MVBAR", 12, 0, 0, 1, PL1RW, () => Mvbar, v => Mvbar = v & ~0x1Fu, Check: _ => IsSecurePl1));
            AddBanked(list, Banked.Sctlr, 1, 0, 0, 0);
            AddBanked(list, Banked.Ttbr0, 2, 0, 0, 0);
            AddBanked(list, Banked.Ttbr1, 2, 0, 0, 1);
            AddBanked(list, Banked.Ttbcr, 2, 0, 0, 2, 0x37);
            AddBanked(list, Banked.Dacr, 3, 0, 0, 0);
            AddBanked(list, Banked.Dfsr, 5, 0, 0, 0);
            AddBanked(list, Banked.Ifsr, 5, 0, 0, 1);
            AddBanked(list, Banked.Dfar, 6, 0, 0, 0);
            AddBanked(list, Banked.Ifar, 6, 0, 0, 2);
            AddBanked(list, Banked.Par, 7, 4, 0, 0, 0xfffff1ff);
            AddBanked(list, Banked.Vbar, 12, 0, 0, 0, ~0x1Fu);
            AddBanked(list, Banked.FcsePid, 13, 0, 0, 0, 0xFE000000);
            AddBanked(list, Banked.ContextId, 13, 0, 0, 1);
            AddBanked(list, Banked.TpidrUrw, 13, 0, 0, 2);
            AddBanked(list, Banked.TpidrUro, 13, 0, 0, 3);
            AddBanked(list, Banked.TpidrPrw, 13, 0, 0, 4);
        }
    }

    void WriteCpacr(uint value)
    {
        // Only the VFP coprocessors' fields (cp10, cp11) exist; with VFP, ASEDIS and D32DIS read as one.
        Cpacr = cpu.Model.HasVfp ? (value & 0x00F00000) | 0xC0000000 : 0;
    }

    void WriteScr(uint value)
    {
        Scr = value & 0x32FF; // the bits QEMU keeps for an AArch32 EL3 without EL2
        cpu.FlushTlb();
        cpu.OnPrivilegeOrStateChanged();
    }

    /// <summary>VA→PA (c7, c8, opc2): bit 0 = write, bit 1 = User permissions. Result in the PAR.</summary>
    void AddressTranslate(int opc2, uint va)
    {
        var type = (opc2 & 1) != 0 ? AccessType.Write : AccessType.Read;
        bool user = (opc2 & 2) != 0;
        var t = cpu.Translate(va, type, user);
        if (t.Faulted)
        {
            uint fsr = t.FaultStatus;
            Par = ((fsr & (1u << 10)) >> 5) | ((fsr & (1u << 12)) >> 6) | ((fsr & 0xF) << 1) | 1;
        }
        else
        {
            Par = (t.PhysicalAddress & 0xFFFFF000) | (IsSecure ? 0 : 1u << 9);
        }
    }
}
