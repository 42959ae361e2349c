using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Cloister.Arm;

// ARMv6/ARMv6K core state: big-endian data (CPSR.E), the exclusive monitors, the event register
// (WFE/SEV), CPS/SRS/RFE support and the CPU's index in an SMP cluster.
public sealed unsafe partial class ArmCpu
{
    /// <summary>This core's number in its cluster (MPIDR on ARM11 MPCore); the board sets it.</summary>
    public uint CpuIndex { get; set; }

    // ---- big-endian data: with CPSR.E set the data TLBs point here, so every access takes the slow path ----

    static readonly TlbEntry* bigEndianTlb = AllocateInvalidTlb();

    static TlbEntry* AllocateInvalidTlb()
    {
        var t = (TlbEntry*)NativeMemory.AllocZeroed((nuint)(TlbEntries * sizeof(TlbEntry)));
        for (int i = 0; i < TlbEntries; i++) t[i].Tag = TlbEntry.Invalid;
        return t;
    }

    internal bool BigEndianData => (CpsrControl & CpsrE) != 0;

    static uint Swap(uint v, int size) => size switch
    {
        4 => BinaryPrimitives.ReverseEndianness(v),
        2 => (uint)BinaryPrimitives.ReverseEndianness((ushort)v),
        _ => v,
    };

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    uint ReadSlow(uint va, int size, bool user)
    {
        uint v = ReadSlowLittle(va, size, user);
        return size > 1 && BigEndianData ? Swap(v, size) : v;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    void WriteSlow(uint va, int size, uint value, bool user)
    {
        if (size > 1 && BigEndianData) value = Swap(value, size);
        bool faultedBefore = MemoryFault;
        WriteSlowLittle(va, size, value, user);
        if (!faultedBefore && MemoryFault && Model.IsV6) Cp15.Dfsr |= FsrWnR;
    }

    /// <summary>DFSR[11] on ARMv6: the abort was caused by a write.</summary>
    internal const uint FsrWnR = 1u << 11;

    /// <summary>An alignment fault; on ARMv6 a write sets DFSR.WnR.</summary>
    internal void AlignmentFault(uint va, bool write)
    {
        bool faultedBefore = MemoryFault;
        AlignmentFault(va);
        if (write && !faultedBefore && Model.IsV6) Cp15.Dfsr |= FsrWnR;
    }

    internal void SetEndianness(bool bigEndian)
    {
        CpsrControl = bigEndian ? CpsrControl | CpsrE : CpsrControl & ~CpsrE;
        OnPrivilegeOrStateChanged();
        BreakInnerLoop();
    }

    // ---- exclusive monitors ----

    GlobalMonitor? globalMonitor;

    /// <summary>The monitor shared by every core of a cluster (exclusive reservations, SEV). The board gives
    /// all its cores the same one; a lone core gets its own.</summary>
    public GlobalMonitor GlobalMonitor
    {
        get
        {
            if (globalMonitor == null) { globalMonitor = new GlobalMonitor(); globalMonitor.Attach(this); }
            return globalMonitor;
        }
        set
        {
            globalMonitor?.Detach(this);
            globalMonitor = value;
            value.Attach(this);
        }
    }

    // Local monitor: QEMU-style, the address and the value(s) LDREX saw.
    bool exclusiveOpen;
    uint exclusiveVa, exclusivePa;
    ulong exclusiveValue;

    internal void OpenExclusive(uint va, ulong value)
    {
        // The load just filled the read TLB (unless it was a device or big-endian access): no walk needed.
        TlbEntry* e = ReadTlb + ((va >> 12) & TlbMask);
        uint pa = e->Tag == (va & 0xFFFFF000)
            ? e->PhysicalPage | (va & 0xFFF)
            : Translate(va, AccessType.Read, CurrentMode == CpuMode.User).PhysicalAddress;
        exclusiveOpen = true;
        exclusiveVa = va;
        exclusivePa = pa;
        exclusiveValue = value;
        GlobalMonitor.Reserve(this, exclusivePa);
    }

    /// <summary>CLREX, and whatever else clears the local monitor.</summary>
    public void ClearExclusive() => exclusiveOpen = false;

    /// <summary>First half of a store-exclusive: does the local monitor hold this address? (If not, the
    /// store fails without touching memory, as in QEMU.)</summary>
    internal bool ExclusiveMatches(uint va)
    {
        if (exclusiveOpen && exclusiveVa == va) return true;
        exclusiveOpen = false;
        return false;
    }

    /// <summary>
    /// Second half, with the global monitor's lock held and <paramref name="current"/> read from memory: the
    /// global monitor must still hold this core's reservation (another core's successful store-exclusive to
    /// the granule clears it) and memory must still hold what LDREX read (which catches plain stores, as
    /// QEMU's compare-and-swap does).
    /// </summary>
    internal bool ExclusiveStillValid(ulong current) =>
        GlobalMonitor.HoldsReservation(this, exclusivePa) && current == exclusiveValue;

    internal void ExclusiveStored()
    {
        GlobalMonitor.ClearReservations(exclusivePa);
        exclusiveOpen = false;
    }

    // ---- event register: WFE / SEV ----

    /// <summary>The event register WFE tests and SEV (from any core of the cluster) sets.</summary>
    public bool EventRegister { get; internal set; }

    /// <summary>Sets the event register and wakes the core from WFE (the board may call it, e.g. on SEV).</summary>
    public void SignalEvent()
    {
        EventRegister = true;
        if (WaitingForInterrupt) { WaitingForInterrupt = false; BreakInnerLoop(); }
    }

    internal void WaitForEvent()
    {
        if (EventRegister) { EventRegister = false; return; }
        if (irqLine || fiqLine) return;
        WaitingForInterrupt = true;
        BreakInnerLoop();
    }

    internal void SendEvent() => GlobalMonitor.SendEvent();

    // ---- Security Extensions ----

    /// <summary>SMC: Monitor mode at MVBAR + 8, LR = the next instruction, A, I and F masked.</summary>
    internal void TakeSecureMonitorCall()
    {
        uint address = CurrentInstructionAddress;
        uint oldCpsr = Cpsr;
        if ((LogMask & LogFlags.Interrupts) != 0)
            Log?.Invoke($"Taking exception SMC at 0x{address:x8}, cpsr 0x{oldCpsr:x8}");
        SwitchMode(CpuMode.Monitor);
        bankedSpsr[BankIndex(CpuMode.Monitor)] = oldCpsr;
        R[14] = address + (ThumbState ? 2u : 4u);
        CpsrControl |= CpsrA | CpsrI | CpsrF;
        CpsrControl &= ~CpsrJ;
        ThumbState = false;
        OnPrivilegeOrStateChanged(); // now Secure: the Secure CP15 bank is active
        CpsrControl = (Cp15.Sctlr & Cp15.SctlrEE) != 0 ? CpsrControl | CpsrE : CpsrControl & ~CpsrE;
        OnPrivilegeOrStateChanged();
        NextPc = Cp15.Mvbar + 8;
        BreakInnerLoop();
    }

    // ---- helpers for CPS / SRS / RFE ----

    /// <summary>R13 of another mode (SRS), whatever the current mode.</summary>
    internal uint GetBankedR13(CpuMode mode)
    {
        if (BankIndex(mode) == BankIndex(CurrentMode)) return R[13];
        return bankedR13[BankIndex(mode)];
    }

    internal void SetBankedR13(CpuMode mode, uint value)
    {
        if (BankIndex(mode) == BankIndex(CurrentMode)) R[13] = value;
        else bankedR13[BankIndex(mode)] = value;
    }

    /// <summary>RFE: CPSR = <paramref name="cpsr"/> (all of it, as an exception return), then jump.</summary>
    internal void ReturnFromException(uint target, uint cpsr)
    {
        WriteCpsr(cpsr, 0xFFFFFFFF);
        NextPc = target & (ThumbState ? ~1u : ~3u);
        fetchPageVa = InvalidFetchPage;
    }
}

/// <summary>
/// State shared by the cores of one cluster: the global exclusive monitor (one reservation granule per core)
/// and the event broadcast of SEV. The board creates one and assigns it to each core's
/// <see cref="ArmCpu.GlobalMonitor"/>; a core on its own gets a private one.
/// </summary>
public sealed class GlobalMonitor
{
    const uint GranuleMask = ~7u; // the reservation granule: a doubleword
    readonly List<ArmCpu> cpus = [];
    readonly Dictionary<ArmCpu, uint> reservations = [];

    /// <summary>Serialises store-exclusive decisions of cores that run on different threads.</summary>
    public object Lock { get; } = new();

    public IReadOnlyList<ArmCpu> Cpus => cpus;

    internal void Attach(ArmCpu cpu) { lock (Lock) if (!cpus.Contains(cpu)) cpus.Add(cpu); }
    internal void Detach(ArmCpu cpu) { lock (Lock) { cpus.Remove(cpu); reservations.Remove(cpu); } }

    internal void Reserve(ArmCpu cpu, uint pa) { lock (Lock) reservations[cpu] = pa & GranuleMask; }

    internal bool HoldsReservation(ArmCpu cpu, uint pa) =>
        reservations.TryGetValue(cpu, out uint r) && r == (pa & GranuleMask);

    /// <summary>A successful store-exclusive ends every core's reservation of the granule.</summary>
    internal void ClearReservations(uint pa)
    {
        uint g = pa & GranuleMask;
        foreach (var cpu in cpus)
            if (reservations.TryGetValue(cpu, out uint r) && r == g) reservations.Remove(cpu);
    }

    /// <summary>SEV: sets the event register of every core in the cluster.</summary>
    public void SendEvent()
    {
        ArmCpu[] targets;
        lock (Lock) targets = [.. cpus];
        foreach (var cpu in targets) cpu.SignalEvent();
    }
}
