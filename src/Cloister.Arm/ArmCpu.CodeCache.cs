using System.Runtime.InteropServices;

namespace Cloister.Arm;

// Decoded-instruction cache: one array of Insn per physical page and instruction set, filled
// lazily as instructions first execute, thrown away when the page is written.
public sealed unsafe partial class ArmCpu
{
    const int ArmInsnsPerPage = 1024, ThumbInsnsPerPage = 2048;
    const uint InvalidFetchPage = 1;

    // Indexed by physical page number; 0 = nothing decoded on that page.
    nint[] armCode = null!, thumbCode = null!;
    // Pages invalidated while an instruction from them may still be executing; freed between runs.
    readonly List<nint> retiredPages = [];

    // The page the run loop is fetching from.
    internal uint fetchPageVa = InvalidFetchPage;
    internal Insn* fetchPage;
    internal byte* fetchHost;

    void InitCodeCache()
    {
        armCode = new nint[1 << 20];
        thumbCode = new nint[1 << 20];
    }

    void FreeCodeCache()
    {
        if (armCode == null) return;
        FlushDecodedCode();
        ReleaseRetiredPages();
    }

    bool PageHasCode(uint pa) => armCode[pa >> 12] != 0 || thumbCode[pa >> 12] != 0;

    void InvalidateCodePage(uint pa)
    {
        uint index = pa >> 12;
        if (armCode[index] != 0) { retiredPages.Add(armCode[index]); armCode[index] = 0; }
        if (thumbCode[index] != 0) { retiredPages.Add(thumbCode[index]); thumbCode[index] = 0; }
        // The running instruction may have rewritten its successors: fetch again.
        fetchPageVa = InvalidFetchPage;
        BreakInnerLoop();
    }

    /// <summary>Forgets decoded instructions for a physical range the host has written.</summary>
    public void InvalidateCode(uint physAddress, uint length)
    {
        if (length == 0) return;
        ulong end = (ulong)physAddress + length;
        for (ulong page = physAddress & ~0xFFFu; page < end; page += 0x1000)
            if (PageHasCode((uint)page)) InvalidateCodePage((uint)page);
    }

    void FlushDecodedCode()
    {
        for (int i = 0; i < armCode.Length; i++)
        {
            if (armCode[i] != 0) { retiredPages.Add(armCode[i]); armCode[i] = 0; }
            if (thumbCode[i] != 0) { retiredPages.Add(thumbCode[i]); thumbCode[i] = 0; }
        }
        fetchPageVa = InvalidFetchPage;
    }

    void ReleaseRetiredPages()
    {
        foreach (var p in retiredPages) { ForgetTranslations(p); NativeMemory.Free((void*)p); }
        retiredPages.Clear();
    }

    /// <summary>
    /// Makes the page holding <paramref name="pc"/> the fetch page: translates it for execution
    /// (taking a prefetch abort on failure) and finds or creates its decoded array.
    /// </summary>
    internal bool SetFetchPage(uint pc)
    {
        uint pageVa = pc & 0xFFFFF000;
        TlbEntry* e = ExecTlb + ((pc >> 12) & TlbMask);
        uint pa;
        byte* host;
        if (e->Tag == pageVa)
        {
            pa = e->PhysicalPage;
            host = (byte*)(e->Addend + (nint)pageVa);
        }
        else
        {
            var t = Translate(pc, AccessType.Execute, CurrentMode == CpuMode.User);
            if (t.Faulted)
            {
                PrefetchAbort(t.FaultStatus, pc);
                return false;
            }
            pa = t.PhysicalAddress & 0xFFFFF000;
            host = Bus.GetRamPage(pa);
            if (host == null)
            {
                // Only RAM can be executed from; anything else aborts like a bus error.
                PrefetchAbort(FaultStatus.SyncExternal, pc);
                return false;
            }
            if (t.WholePage)
            {
                e->Tag = pageVa;
                e->PhysicalPage = pa;
                e->Addend = (nint)host - (nint)pageVa;
            }
        }

        nint[] table = ThumbState ? thumbCode : armCode;
        nint decoded = table[pa >> 12];
        if (decoded == 0)
        {
            int count = ThumbState ? ThumbInsnsPerPage : ArmInsnsPerPage;
            decoded = (nint)NativeMemory.AllocZeroed((nuint)(count * sizeof(Insn)));
            table[pa >> 12] = decoded;
            DropWriteMappings(pa);
        }
        fetchPage = (Insn*)decoded;
        fetchHost = host;
        fetchPageVa = pageVa;
        return true;
    }

    void PrefetchAbort(uint status, uint va)
    {
        Cp15.Ifsr = status;
        Cp15.Ifar = va;
        TakeException(ArmException.PrefetchAbort, va);
    }
}
