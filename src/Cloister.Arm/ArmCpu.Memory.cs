using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cloister.Arm;

// Data memory access: the software TLB fast path, the translating slow path, and faults.
public sealed unsafe partial class ArmCpu
{
    const int TlbEntries = 256;
    const int TlbMask = TlbEntries - 1;

    // Six TLBs: read/write/execute, each for user and privileged permissions.
    TlbEntry* tlbBlock;
    TlbEntry* readTlbUser, readTlbPriv, writeTlbUser, writeTlbPriv, execTlbUser, execTlbPriv;
    /// <summary>The TLBs for the current privilege level.</summary>
    internal TlbEntry* ReadTlb, WriteTlb, ExecTlb;

    TableWalker walker = null!;

    /// <summary>Set by a faulting access; the instruction stops without writing back and the run
    /// loop takes the data abort.</summary>
    internal bool MemoryFault;

    void InitMemory()
    {
        tlbBlock = (TlbEntry*)NativeMemory.AllocZeroed((nuint)(6 * TlbEntries * sizeof(TlbEntry)));
        readTlbUser = tlbBlock;
        readTlbPriv = tlbBlock + TlbEntries;
        writeTlbUser = tlbBlock + 2 * TlbEntries;
        writeTlbPriv = tlbBlock + 3 * TlbEntries;
        execTlbUser = tlbBlock + 4 * TlbEntries;
        execTlbPriv = tlbBlock + 5 * TlbEntries;
        walker = new TableWalker(this);
        InitCodeCache();
    }

    void FreeMemory()
    {
        if (tlbBlock != null) { NativeMemory.Free(tlbBlock); tlbBlock = null; }
        if (R != null) { NativeMemory.Free(R); R = null; }
        FreeCodeCache();
    }

    /// <summary>Chooses the TLBs for the current mode; called whenever the mode or the MMU set-up changes.</summary>
    internal void OnPrivilegeOrStateChanged()
    {
        bool priv = CurrentMode != CpuMode.User;
        ReadTlb = priv ? readTlbPriv : readTlbUser;
        WriteTlb = priv ? writeTlbPriv : writeTlbUser;
        // [ARMv6 hook] Big-endian data (CPSR.E): every access takes the slow path, which swaps bytes.
        if ((CpsrControl & CpsrE) != 0) ReadTlb = WriteTlb = bigEndianTlb;
        if (Model.HasSecurityExtensions) Cp15.SyncSecurityState(); // [ARMv6 hook] Secure/Non-secure CP15 banks
        ExecTlb = priv ? execTlbPriv : execTlbUser;
        fetchPageVa = InvalidFetchPage;
    }

    /// <summary>Forgets every cached translation (TLB maintenance, TTBR/DACR/SCTLR writes).</summary>
    internal void FlushTlb()
    {
        for (int i = 0; i < 6 * TlbEntries; i++) tlbBlock[i].Tag = TlbEntry.Invalid;
        fetchPageVa = InvalidFetchPage;
        BreakInnerLoop();
    }

    internal void FlushTlbPage(uint va)
    {
        // FCSE and sub-page aliasing make a precise flush fragile; a full flush is always correct.
        FlushTlb();
    }

    // ---- fast paths (inlined into instruction handlers) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal uint Read32(uint va)
    {
        TlbEntry* e = ReadTlb + ((va >> 12) & TlbMask);
        if (e->Tag == (va & 0xFFFFF003)) return *(uint*)(e->Addend + va);
        return ReadSlow(va, 4, CurrentMode == CpuMode.User);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal uint Read16(uint va)
    {
        TlbEntry* e = ReadTlb + ((va >> 12) & TlbMask);
        if (e->Tag == (va & 0xFFFFF001)) return *(ushort*)(e->Addend + va);
        return ReadSlow(va, 2, CurrentMode == CpuMode.User);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal uint Read8(uint va)
    {
        TlbEntry* e = ReadTlb + ((va >> 12) & TlbMask);
        if (e->Tag == (va & 0xFFFFF000)) return *(byte*)(e->Addend + va);
        return ReadSlow(va, 1, CurrentMode == CpuMode.User);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Write32(uint va, uint value)
    {
        TlbEntry* e = WriteTlb + ((va >> 12) & TlbMask);
        if (e->Tag == (va & 0xFFFFF003)) { *(uint*)(e->Addend + va) = value; return; }
        WriteSlow(va, 4, value, CurrentMode == CpuMode.User);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Write16(uint va, uint value)
    {
        TlbEntry* e = WriteTlb + ((va >> 12) & TlbMask);
        if (e->Tag == (va & 0xFFFFF001)) { *(ushort*)(e->Addend + va) = (ushort)value; return; }
        WriteSlow(va, 2, value, CurrentMode == CpuMode.User);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Write8(uint va, uint value)
    {
        TlbEntry* e = WriteTlb + ((va >> 12) & TlbMask);
        if (e->Tag == (va & 0xFFFFF000)) { *(byte*)(e->Addend + va) = (byte)value; return; }
        WriteSlow(va, 1, value, CurrentMode == CpuMode.User);
    }

    // ---- User-permission accesses for LDRT/STRT/LDRBT/STRBT ----

    internal uint Read32User(uint va) => ReadSlow(va, 4, user: true);
    internal uint Read8User(uint va) => ReadSlow(va, 1, user: true);
    internal void Write32User(uint va, uint value) => WriteSlow(va, 4, value, user: true);
    internal void Write8User(uint va, uint value) => WriteSlow(va, 1, value, user: true);

    // ---- slow paths ----

    /// <summary>FCSE: addresses below 32 MiB are relocated by the process ID.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    uint ModifiedVa(uint va) => va < 0x02000000 ? va | Cp15.FcsePid : va;

    internal AddressTranslation Translate(uint va, AccessType type, bool user)
    {
        uint mva = ModifiedVa(va);
        if (!Cp15.MmuEnabled)
            return new AddressTranslation { PhysicalAddress = mva, WholePage = true };
        return walker.Walk(mva, type, user);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    uint ReadSlowLittle(uint va, int size, bool user) // [ARMv6 hook] ReadSlow (ArmCpu.V6.cs) adds CPSR.E
    {
        if ((va & (uint)(size - 1)) != 0)
        {
            if (Cp15.AlignmentChecks)
            {
                DataAbort(FaultStatus.Alignment, va);
                return 0;
            }
            // Other misaligned accesses are done a byte at a time.
            uint result = 0;
            for (int i = 0; i < size; i++)
            {
                uint b = ReadSlow(va + (uint)i, 1, user);
                if (MemoryFault) return 0;
                result |= b << (8 * i);
            }
            return result;
        }

        var t = Translate(va, AccessType.Read, user);
        if (t.Faulted)
        {
            DataAbort(t.FaultStatus, va);
            return 0;
        }
        uint pa = t.PhysicalAddress;
        byte* page = Bus.GetRamPage(pa & ~0xFFFu);
        if (page != null)
        {
            if (t.WholePage) FillTlb(user ? readTlbUser : readTlbPriv, va, pa, page);
            byte* p = page + (pa & 0xFFF);
            return size switch { 4 => *(uint*)p, 2 => *(ushort*)p, _ => *p };
        }
        if (!Bus.Read(pa, size, out uint value))
        {
            DataAbort(FaultStatus.SyncExternal, va);
            return 0;
        }
        return value;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    void WriteSlowLittle(uint va, int size, uint value, bool user) // [ARMv6 hook] WriteSlow (ArmCpu.V6.cs) adds CPSR.E
    {
        if ((va & (uint)(size - 1)) != 0)
        {
            if (Cp15.AlignmentChecks)
            {
                DataAbort(FaultStatus.Alignment, va);
                return;
            }
            for (int i = 0; i < size; i++)
            {
                WriteSlow(va + (uint)i, 1, value >> (8 * i), user);
                if (MemoryFault) return;
            }
            return;
        }

        var t = Translate(va, AccessType.Write, user);
        if (t.Faulted)
        {
            DataAbort(t.FaultStatus, va);
            return;
        }
        uint pa = t.PhysicalAddress;
        byte* page = Bus.GetRamPage(pa & ~0xFFFu);
        if (page != null)
        {
            // Writing a page that holds decoded instructions invalidates them first.
            if (PageHasCode(pa)) InvalidateCodePage(pa);
            if (t.WholePage) FillTlb(user ? writeTlbUser : writeTlbPriv, va, pa, page);
            byte* p = page + (pa & 0xFFF);
            switch (size)
            {
                case 4: *(uint*)p = value; break;
                case 2: *(ushort*)p = (ushort)value; break;
                default: *p = (byte)value; break;
            }
            return;
        }
        if (!Bus.Write(pa, size, value))
            DataAbort(FaultStatus.SyncExternal, va);
    }

    static void FillTlb(TlbEntry* tlb, uint va, uint pa, byte* hostPage)
    {
        TlbEntry* e = tlb + ((va >> 12) & TlbMask);
        e->Tag = va & 0xFFFFF000;
        e->PhysicalPage = pa & 0xFFFFF000;
        e->Addend = (nint)hostPage - (nint)(va & 0xFFFFF000);
    }

    /// <summary>Removes write-TLB entries for a physical page, so that writes to it reach the slow
    /// path (which invalidates decoded code there).</summary>
    void DropWriteMappings(uint physicalPage)
    {
        for (int i = 0; i < TlbEntries; i++)
        {
            if (writeTlbUser[i].PhysicalPage == physicalPage) writeTlbUser[i].Tag = TlbEntry.Invalid;
            if (writeTlbPriv[i].PhysicalPage == physicalPage) writeTlbPriv[i].Tag = TlbEntry.Invalid;
        }
    }

    internal void AlignmentFault(uint va) => DataAbort(FaultStatus.Alignment, va);

    void DataAbort(uint status, uint va)
    {
        if (MemoryFault) return; // the first fault of an instruction is the one reported
        MemoryFault = true;
        Cp15.Dfsr = status;
        Cp15.Dfar = va;
        BreakInnerLoop();
    }

    // ---- host-side access through the MMU (semihosting, debuggers) ----

    public bool ReadVirtual(uint va, Span<byte> dest)
    {
        for (int i = 0; i < dest.Length; i++)
        {
            if (!ProbePhysical(va + (uint)i, AccessType.Read, out uint pa)) return false;
            byte* page = Bus.GetRamPage(pa & ~0xFFFu);
            if (page != null) dest[i] = page[pa & 0xFFF];
            else if (Bus.Read(pa, 1, out uint v)) dest[i] = (byte)v;
            else return false;
        }
        return true;
    }

    public bool WriteVirtual(uint va, ReadOnlySpan<byte> src)
    {
        for (int i = 0; i < src.Length; i++)
        {
            if (!ProbePhysical(va + (uint)i, AccessType.Write, out uint pa)) return false;
            byte* page = Bus.GetRamPage(pa & ~0xFFFu);
            if (page != null)
            {
                if (PageHasCode(pa)) InvalidateCodePage(pa);
                page[pa & 0xFFF] = src[i];
            }
            else if (!Bus.Write(pa, 1, src[i])) return false;
        }
        return true;
    }

    bool ProbePhysical(uint va, AccessType type, out uint pa)
    {
        var t = Translate(va, type, user: false);
        pa = t.PhysicalAddress;
        return !t.Faulted;
    }
}
