namespace Cloister.Arm;

/// <summary>
/// The system control coprocessor: identification, the control register, the MMU's
/// registers, fault status/address, cache and TLB maintenance, FCSE and context ID.
/// The register map follows what QEMU implements for each core so that software
/// probing CP15 sees the same answers (including which accesses are UNDEFINED).
/// </summary>
internal sealed partial class Cp15
{
    public const uint SctlrM = 1 << 0, SctlrA = 1 << 1, SctlrS = 1 << 8, SctlrR = 1 << 9, SctlrV = 1 << 13;
    public const uint SctlrU = 1 << 22, SctlrXP = 1 << 23, SctlrEE = 1 << 25;

    readonly ArmCpu cpu;
    readonly CoprocessorRegister[] map;

    public uint Sctlr, Ttbr0, Ttbr1, Ttbcr, Dacr, Dfsr, Ifsr, Dfar, Ifar, FcsePid, ContextId;
    uint dataLockdown, insnLockdown;

    public Cp15(ArmCpu cpu)
    {
        this.cpu = cpu;
        map = BuildMap();
    }

    public bool MmuEnabled => (Sctlr & SctlrM) != 0;
    public bool AlignmentChecks => (Sctlr & SctlrA) != 0;
    public bool HighVectors => (Sctlr & SctlrV) != 0;

    public void Reset()
    {
        Sctlr = cpu.Model.ResetSctlr;
        Ttbr0 = Ttbr1 = Ttbcr = Dacr = Dfsr = Ifsr = Dfar = Ifar = FcsePid = ContextId = 0;
        dataLockdown = insnLockdown = 0;
        ResetV6(); // [ARMv6 hook] Cp15.V6.cs
    }

    CoprocessorRegister? Find(int crn, int crm, int opc1, int opc2)
    {
        for (int i = map.Length - 1; i >= 0; i--)
            if (map[i].Matches(crn, crm, opc1, opc2)) return map[i];
        return null;
    }

    /// <summary>MRC p15. False means the access is UNDEFINED.</summary>
    public bool TryRead(int opc1, int crn, int crm, int opc2, out uint value) =>
        TryRead(opc1, crn, crm, opc2, cpu.IsPrivileged, out value);

    /// <summary>True when MRC of this register exists but writes nothing to Rd (no-op registers).</summary>
    public bool ReadsNothing(int opc1, int crn, int crm, int opc2) => Find(crn, crm, opc1, opc2)?.IsNop == true;

    public bool TryRead(int opc1, int crn, int crm, int opc2, bool privileged, out uint value)
    {
        value = 0;
        var reg = Find(crn, crm, opc1, opc2);
        if (reg is null || !reg.Allows(write: false, privileged)) return false;
        if (reg.Check is { } check && !check(false)) return false; // [ARMv6 hook] e.g. Secure-only registers
        value = reg.Read?.Invoke() ?? 0;
        return true;
    }

    /// <summary>MCR p15. False means the access is UNDEFINED.</summary>
    public bool TryWrite(int opc1, int crn, int crm, int opc2, uint value) =>
        TryWrite(opc1, crn, crm, opc2, cpu.IsPrivileged, value);

    public bool TryWrite(int opc1, int crn, int crm, int opc2, bool privileged, uint value)
    {
        var reg = Find(crn, crm, opc1, opc2);
        if (reg is null || !reg.Allows(write: true, privileged)) return false;
        if (reg.Check is { } check && !check(true)) return false; // [ARMv6 hook]
        reg.Write?.Invoke(value);
        return true;
    }

    const int Any = CoprocessorRegister.Any;

    CoprocessorRegister[] BuildMap()
    {
        var m = cpu.Model;
        var list = new List<CoprocessorRegister>
        {
            // Identification: unimplemented c0,c0,0,x registers read as MIDR.
            new("MIDR", 0, 0, 0, Any, CpAccess.PrivilegedRead, () => m.Midr),
            new("CTR", 0, 0, 0, 1, CpAccess.PrivilegedRead, () => m.CacheType),
            new("TCMTR", 0, 0, 0, 2, CpAccess.PrivilegedRead, () => 0),
            new("TLBTR", 0, 0, 0, 3, CpAccess.PrivilegedRead, () => 0),
            new("CACHE-ID-DUMMY", 0, 0, 1, Any, CpAccess.PrivilegedRead, () => 0),

            new("SCTLR", 1, 0, 0, 0, CpAccess.PrivilegedReadWrite, () => Sctlr, WriteSctlr),

            new("TTBR0", 2, 0, 0, 0, CpAccess.PrivilegedReadWrite, () => Ttbr0, v => { Ttbr0 = v; cpu.FlushTlb(); }),
            new("TTBR1", 2, 0, 0, 1, CpAccess.PrivilegedReadWrite, () => Ttbr1, v => { Ttbr1 = v; cpu.FlushTlb(); }),
            new("TTBCR", 2, 0, 0, 2, CpAccess.PrivilegedReadWrite, () => Ttbcr, v => { Ttbcr = v & 7; cpu.FlushTlb(); }),
            // Pre-v8 cores decode all of c3 as the DACR.
            new("DACR", 3, Any, Any, Any, CpAccess.PrivilegedReadWrite, () => Dacr, v => { Dacr = v; cpu.FlushTlb(); }),

            new("DFSR", 5, 0, 0, 0, CpAccess.PrivilegedReadWrite, () => Dfsr, v => Dfsr = v),
            new("IFSR", 5, 0, 0, 1, CpAccess.PrivilegedReadWrite, () => Ifsr, v => Ifsr = v),
            new("DFAR", 6, 0, 0, 0, CpAccess.PrivilegedReadWrite, () => Dfar, v => Dfar = v),

            // Cache maintenance: the emulated caches are always coherent, so these are no-ops.
            new("CACHEMAINT", 7, Any, 0, Any, CpAccess.PrivilegedWrite),
            new("WFI_v6", 7, 0, 0, 4, CpAccess.PrivilegedWrite, Write: _ => cpu.EnterWaitForInterrupt()),
            new("DLOCKDOWN", 9, 0, 0, 0, CpAccess.PrivilegedReadWrite, () => dataLockdown, v => dataLockdown = v),
            new("ILOCKDOWN", 9, 0, 0, 1, CpAccess.PrivilegedReadWrite, () => insnLockdown, v => insnLockdown = v),

            new("TLBIALL", 8, Any, Any, 0, CpAccess.PrivilegedWrite, Write: _ => cpu.FlushTlb()),
            new("TLBIMVA", 8, Any, Any, 1, CpAccess.PrivilegedWrite, Write: v => cpu.FlushTlbPage(v)),
            new("TLBIASID", 8, Any, Any, 2, CpAccess.PrivilegedWrite, Write: _ => cpu.FlushTlb()),
            new("TLBIMVAA", 8, Any, Any, 3, CpAccess.PrivilegedWrite, Write: v => cpu.FlushTlbPage(v)),

            new("TLB_LOCKDOWN", 10, 0, Any, Any, CpAccess.PrivilegedReadWrite),
            new("TLB_LOCKDOWN", 10, 1, Any, Any, CpAccess.PrivilegedReadWrite),
            new("TLB_LOCKDOWN", 10, 4, Any, Any, CpAccess.PrivilegedReadWrite),
            new("TLB_LOCKDOWN", 10, 8, Any, Any, CpAccess.PrivilegedReadWrite),
            new("PRRR", 10, 2, 0, 0, CpAccess.PrivilegedReadWrite),
            new("NMRR", 10, 2, 0, 1, CpAccess.PrivilegedReadWrite),

            new("FCSEIDR", 13, 0, 0, 0, CpAccess.PrivilegedReadWrite, () => FcsePid, WriteFcsePid),
            new("CONTEXTIDR", 13, 0, 0, 1, CpAccess.PrivilegedReadWrite, () => ContextId, v => ContextId = v),

            // Implementation-defined c15 space: reads as zero, writes ignored.
            new("C15_IMPDEF", 15, Any, Any, Any, CpAccess.PrivilegedReadWrite, () => 0),
        };
        if (!m.IsV6)
            list.Insert(list.FindIndex(r => r.Name == "WFI_v6"),
                new("WFI_v5", 7, 8, 0, 2, CpAccess.PrivilegedWrite, Write: _ => cpu.EnterWaitForInterrupt()));
        // ARM926 (QEMU's CACHE_TEST_CLEAN feature): "test and clean" reads set Z so Linux's loops end.
        if (!m.IsV6) // [ARMv6 hook] the ARM11 models lack QEMU's CACHE_TEST_CLEAN
        {
            list.Add(new("TC_DCACHE", 7, 10, 0, 3, CpAccess.AllRead, () => 1u << 30));
            list.Add(new("TCI_DCACHE", 7, 14, 0, 3, CpAccess.AllRead, () => 1u << 30));
        }
        else
        {
            AddV6Registers(list); // [ARMv6 hook] Cp15.V6.cs
        }
        return list.ToArray();
    }

    void WriteSctlr(uint value)
    {
        Sctlr = value;
        cpu.FlushTlb();
        cpu.OnPrivilegeOrStateChanged();
    }

    void WriteFcsePid(uint value)
    {
        value &= 0xFE000000;
        if (value != FcsePid)
        {
            FcsePid = value;
            cpu.FlushTlb();
        }
    }
}
