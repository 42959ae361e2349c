using System.Buffers.Binary;

namespace Cloister.Arm;

/// <summary>
/// The ARMv6 translation table format (SCTLR.XP = 1), as QEMU's get_phys_addr_v6 walks it: TTBR0/TTBR1
/// split by TTBCR.N (and PD0/PD1 with the Security Extensions), sections and 16 MiB supersections, coarse
/// tables with 64 KiB and 4 KiB pages (no fine tables, no sub-pages), APX:AP permissions (AP[0] as the
/// access flag when SCTLR.AFE is set on ARMv6K), XN for instruction fetches, and big-endian descriptors
/// when SCTLR.EE is set. nG/ASID need nothing here: the software TLB is flushed whenever CONTEXTIDR
/// changes, so it never holds another ASID's entries.
/// </summary>
internal sealed unsafe partial class TableWalker
{
    const uint TtbcrPd0 = 1 << 4, TtbcrPd1 = 1 << 5;
    const uint SctlrAfe = 1u << 29;
    const uint FaultAccessFlagSection = 0x3, FaultAccessFlagPage = 0x6;

    /// <summary>The level-1 descriptor address for <paramref name="mva"/>; false when TTBCR.PDx disables the walk.</summary>
    bool Level1Address(uint mva, out uint address)
    {
        var cp15 = cpu.Cp15;
        int n = (int)(cp15.Ttbcr & 7);
        uint mask = n == 0 ? 0 : ~(0xFFFFFFFFu >> n);
        address = 0;
        if ((mva & mask) != 0)
        {
            if ((cp15.Ttbcr & TtbcrPd1) != 0) return false;
            address = cp15.Ttbr1 & 0xFFFFC000;
        }
        else
        {
            if ((cp15.Ttbcr & TtbcrPd0) != 0) return false;
            address = cp15.Ttbr0 & ~(0x3FFFu >> n);
        }
        address |= (mva >> 18) & 0x3FFC;
        return true;
    }

    bool ReadDescriptorV6(uint pa, out uint value)
    {
        if (!ReadDescriptor(pa, out value)) return false;
        if ((cpu.Cp15.Sctlr & Cp15.SctlrEE) != 0) value = BinaryPrimitives.ReverseEndianness(value);
        return true;
    }

    AddressTranslation WalkV6(uint mva, AccessType type, bool user)
    {
        var cp15 = cpu.Cp15;
        if (!Level1Address(mva, out uint l1Address))
            return Fault(FaultStatus.TranslationSection, 0);
        if (!ReadDescriptorV6(l1Address, out uint desc))
            return Fault(FaultStatus.ExternalAbortOnWalkLevel1, 0);
        uint kind = desc & 3;
        if (kind == 0 || kind == 3) // 3 is reserved without PXN
            return Fault(FaultStatus.TranslationSection, 0);
        bool supersection = kind == 2 && (desc & (1u << 18)) != 0;
        uint domain = supersection ? 0 : (desc >> 5) & 0xF;
        bool page = kind == 1;
        uint domainAccess = (cp15.Dacr >> (int)(domain * 2)) & 3;
        if (domainAccess == 0 || domainAccess == 2)
            return Fault(page ? FaultStatus.DomainPage : FaultStatus.DomainSection, domain);

        uint pa, ap;
        bool xn;
        if (!page)
        {
            pa = supersection ? (desc & 0xFF000000) | (mva & 0x00FFFFFF) : (desc & 0xFFF00000) | (mva & 0x000FFFFF);
            ap = ((desc >> 10) & 3) | ((desc >> 13) & 4);
            xn = (desc & (1u << 4)) != 0;
        }
        else
        {
            uint l2Address = (desc & 0xFFFFFC00) | ((mva >> 10) & 0x3FC);
            if (!ReadDescriptorV6(l2Address, out desc))
                return Fault(FaultStatus.ExternalAbortOnWalkLevel2, domain);
            ap = ((desc >> 4) & 3) | ((desc >> 7) & 4);
            switch (desc & 3)
            {
                case 0:
                    return Fault(FaultStatus.TranslationPage, domain);
                case 1: // 64 KiB large page
                    pa = (desc & 0xFFFF0000) | (mva & 0xFFFF);
                    xn = (desc & (1u << 15)) != 0;
                    break;
                default: // 4 KiB small page; bit 0 is XN
                    pa = (desc & 0xFFFFF000) | (mva & 0xFFF);
                    xn = (desc & 1) != 0;
                    break;
            }
        }

        if (domainAccess != 3)
        {
            if (xn && type == AccessType.Execute)
                return Fault(page ? FaultStatus.PermissionPage : FaultStatus.PermissionSection, domain);
            bool read, write;
            if (cpu.Model.IsV6K && (cp15.Sctlr & SctlrAfe) != 0)
            {
                if ((ap & 1) == 0)
                    return Fault(page ? FaultAccessFlagPage : FaultAccessFlagSection, domain);
                // Simplified model: AP[2:1].
                uint simple = ap >> 1;
                read = !user || (simple & 1) != 0;
                write = read && (simple & 2) == 0;
            }
            else
            {
                PermissionsV6(ap, user, out read, out write);
            }
            bool ok = type == AccessType.Write ? write : read;
            if (!ok)
                return Fault(page ? FaultStatus.PermissionPage : FaultStatus.PermissionSection, domain);
        }
        return new AddressTranslation { PhysicalAddress = pa, WholePage = true };
    }

    /// <summary>APX:AP as QEMU's ap_to_rw_prot decodes it for ARMv6 (AP = 0 still honours SCTLR.S/R).</summary>
    void PermissionsV6(uint ap, bool user, out bool read, out bool write)
    {
        read = write = false;
        switch (ap)
        {
            case 0:
                uint sr = cpu.Cp15.Sctlr & (Cp15.SctlrS | Cp15.SctlrR);
                if (sr == Cp15.SctlrS) read = !user;
                else if (sr == Cp15.SctlrR) read = true;
                break;
            case 1: read = write = !user; break;
            case 2: read = true; write = !user; break;
            case 3: read = write = true; break;
            case 5: read = !user; break;
            case 6: read = true; break;
            case 7: read = cpu.Model.IsV6K; break;
        }
    }
}
