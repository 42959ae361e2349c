namespace Cloister.Arm;

// ARMv6/ARMv6K additions to the CP15 map, following what QEMU registers for the V6, V6K, VAPA, MPIDR,
// EL3 (Security Extensions), CACHE_DIRTY_REG and CACHE_BLOCK_OPS features of the ARM11 models.
internal sealed partial class Cp15
{
    public uint Cpacr, Par, TpidrUrw, TpidrUro, TpidrPrw;
    // Security Extensions (arm1176).
    public uint Scr, Sder, Nsacr, Vbar, Mvbar;

    public const uint ScrNs = 1;

    void ResetV6()
    {
        Par = TpidrUrw = TpidrUro = TpidrPrw = 0;
        WriteCpacr(0);
        Scr = Sder = Nsacr = Vbar = Mvbar = 0;
    }

    /// <summary>True when the core is in the Secure state (always, without the Security Extensions
    /// QEMU models such cores as... non-secure for PAR.NS; see <see cref="NonSecureAccess"/>).</summary>
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
        list.Add(new("ISB", 7, 5, 0, 4, PL0W, Write: _ => cpu.RequestExit()));
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
            list.Add(new("SDER", 1, 1, 0, 1, PL1RW, () => Sder, v => Sder = v & 3, Check: _ => IsSecurePl1));
            list.Add(new("NSACR", 1, 1, 0, 2, PL1RW, () => Nsacr, v => Nsacr = v, Check: write => !write || IsSecurePl1));
            list.Add(new("VBAR", 12, 0, 0, 0, PL1RW, () => Vbar, v => Vbar = v & ~0x1Fu));
            list.Add(new("MVBAR", 12, 0, 0, 1, PL1RW, () => Mvbar, v => Mvbar = v & ~0x1Fu, Check: _ => IsSecurePl1));
        }
    }

    void WriteCpacr(uint value)
    {
        // Only the VFP coprocessors' fields (cp10, cp11) exist; with VFP, ASEDIS and D32DIS read as one.
        Cpacr = cpu.Model.HasVfp ? (value & 0x00F00000) | 0xC0000000 : 0;
    }

    void WriteScr(uint value)
    {
        Scr = value & 0x7F;
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
