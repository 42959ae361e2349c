namespace Cloister.Arm;

/// <summary>
/// Walks the translation tables the guest built (ARMv5 format: sections, coarse and fine
/// tables, large/small/tiny pages) and applies domain and access-permission checks.
/// </summary>
internal sealed unsafe partial class TableWalker(ArmCpu cpu)
{
    /// <param name="mva">Modified virtual address (after FCSE).</param>
    public AddressTranslation Walk(uint mva, AccessType type, bool user)
    {
        var cp15 = cpu.Cp15;
        // [ARMv6 hook] TableWalker.V6.cs: the XP=1 format, and TTBR0/TTBR1 selection by TTBCR for both formats.
        uint l1Address;
        if (cpu.Model.IsV6)
        {
            if ((cp15.Sctlr & Cp15.SctlrXP) != 0) return WalkV6(mva, type, user);
            if (!Level1Address(mva, out l1Address)) return Fault(FaultStatus.TranslationSection, 0);
        }
        else
        {
            l1Address = (cp15.Ttbr0 & 0xFFFFC000) | ((mva >> 20) << 2);
        }
        if (!ReadDescriptor(l1Address, out uint l1))
            return Fault(FaultStatus.ExternalAbortOnWalkLevel1, 0);

        uint l1Type = l1 & 3;
        uint domain = (l1 >> 5) & 0xF;
        uint domainAccess = (cp15.Dacr >> (int)(domain * 2)) & 3;
        if (l1Type == 0)
            return Fault(FaultStatus.TranslationSection, domain);

        bool isSection = l1Type == 2;
        // Domain faults are decided before the second-level descriptor is fetched.
        if (domainAccess == 0 || domainAccess == 2)
            return Fault(isSection ? FaultStatus.DomainSection : FaultStatus.DomainPage, domain);
        bool manager = domainAccess == 3;

        uint pa, ap;
        bool wholePage = true;
        if (isSection)
        {
            pa = (l1 & 0xFFF00000) | (mva & 0x000FFFFF);
            ap = (l1 >> 10) & 3;
        }
        else
        {
            bool coarse = l1Type == 1;
            uint l2Address = coarse
                ? (l1 & 0xFFFFFC00) | ((mva >> 10) & 0x3FC)
                : (l1 & 0xFFFFF000) | ((mva >> 8) & 0xFFC);
            if (!ReadDescriptor(l2Address, out uint l2))
                return Fault(FaultStatus.ExternalAbortOnWalkLevel2, domain);
            switch (l2 & 3)
            {
                case 0:
                    return Fault(FaultStatus.TranslationPage, domain);
                case 1: // large page, 64 KiB, four 16 KiB sub-pages
                    pa = (l2 & 0xFFFF0000) | (mva & 0xFFFF);
                    ap = (l2 >> (int)(4 + ((mva >> 13) & 6))) & 3;
                    break;
                case 2: // small page, 4 KiB, four 1 KiB sub-pages
                    pa = (l2 & 0xFFFFF000) | (mva & 0xFFF);
                    ap = (l2 >> (int)(4 + ((mva >> 9) & 6))) & 3;
                    uint aps = (l2 >> 4) & 0xFF;
                    wholePage = aps == (aps & 3) * 0x55;
                    break;
                default: // tiny page (fine tables); UNPREDICTABLE in a coarse table on ARMv5
                    if (coarse)
                        return Fault(FaultStatus.TranslationPage, domain);
                    pa = (l2 & 0xFFFFFC00) | (mva & 0x3FF);
                    ap = (l2 >> 4) & 3;
                    wholePage = false;
                    break;
            }
        }

        if (!manager && !Permits(ap, type, user))
            return Fault(isSection ? FaultStatus.PermissionSection : FaultStatus.PermissionPage, domain);
        // Managers bypass checks, so the whole page is uniformly accessible to them.
        return new AddressTranslation { PhysicalAddress = pa, WholePage = wholePage || manager };
    }

    /// <summary>ARMv5 AP decoding; AP=00 depends on SCTLR.S and SCTLR.R.</summary>
    bool Permits(uint ap, AccessType type, bool user)
    {
        bool write = type == AccessType.Write;
        switch (ap)
        {
            case 0:
                uint sr = cpu.Cp15.Sctlr & (Cp15.SctlrS | Cp15.SctlrR);
                if (sr == Cp15.SctlrS) return !user && !write;
                if (sr == Cp15.SctlrR) return !write;
                return false;
            case 1: return !user;
            case 2: return !user || !write;
            default: return true;
        }
    }

    static AddressTranslation Fault(uint status, uint domain) =>
        new() { FaultStatus = status | (domain << 4) };

    bool ReadDescriptor(uint pa, out uint value)
    {
        byte* page = cpu.Bus.GetRamPage(pa & ~0xFFFu);
        if (page != null)
        {
            value = *(uint*)(page + (pa & 0xFFC));
            return true;
        }
        return cpu.Bus.Read(pa & ~3u, 4, out value);
    }
}
