using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Memory;

namespace Cloister.Hypervisor.Grants;

/// <summary>
/// Grant mappings and copies between domains. A mapping puts the granter's machine frame into
/// the mapper's pseudo-physical space (remembering the frame it displaced); while it exists the
/// granter's entry shows GTF_reading/GTF_writing. When either domain goes, its mappings are
/// undone first, so a frame is never freed or reused while another domain can still reach it.
/// </summary>
public sealed class GrantService(DomainManager domains, MachineMemory machine, FrameAllocator frames)
{
    readonly List<GrantMapping> mappings = [];
    uint nextHandle = 1;

    public readonly record struct CopySide(bool IsGrantRef, ulong RefOrFrame, ushort Domid, ushort Offset);

    public bool Grow(Domain d, int count) => d.Grants.Grow(count, frames);

    /// <summary>Where the domain mapped grant frame <paramref name="index"/>, if it did.</summary>
    public ulong? MappedAt(Domain d, int index)
    {
        if (index >= d.Grants.Frames.Count) return null;
        int pfn = Array.IndexOf(d.Memory.PseudoToMachine, d.Grants.Frames[index]);
        return pfn < 0 ? null : (ulong)pfn;
    }

    /// <summary>True while some domain maps <paramref name="machineFrame"/> through a grant.</summary>
    public bool IsMapped(uint machineFrame) => mappings.Exists(m => m.MachineFrame == machineFrame);

    public GrantMapping? Find(Domain mapper, uint handle) =>
        mappings.Find(m => m.Mapper == mapper && m.Handle == handle);

    /// <summary>Checks the granter's entry and resolves it to one of the granter's own frames.</summary>
    short Resolve(Domain granter, Domain grantee, uint reference, bool wantWrite, out uint machineFrame)
    {
        machineFrame = 0;
        if (!granter.Grants.TryReadEntry(reference, out ushort flags, out ushort domid, out uint gfn))
            return GrantStatus.BadGntref;
        // Xen reports a wrong type, a wrong grantee and a write-pin of a read-only grant alike.
        if ((flags & GrantFlags.TypeMask) != GrantFlags.PermitAccess || domid != grantee.Id)
            return GrantStatus.GeneralError;
        if (wantWrite && (flags & GrantFlags.ReadOnly) != 0) return GrantStatus.GeneralError;
        if (gfn >= granter.Memory.PseudoToMachine.Length) return GrantStatus.BadPage;
        uint mfn = granter.Memory.PseudoToMachine[gfn];
        // Only the granter's own RAM can be granted: not its shared_info, not a page it mapped.
        if (mfn == GuestMemory.NoFrame || frames.OwnerOf(mfn) != granter.Id) return GrantStatus.BadPage;
        machineFrame = mfn;
        return GrantStatus.Okay;
    }

    public short Map(Domain mapper, Domain granter, uint reference, uint mapperFrame, bool readOnly, out uint handle)
    {
        handle = 0;
        if (mappings.Exists(m => m.Mapper == mapper && m.MapperFrame == mapperFrame)) return GrantStatus.BadVirtAddr;
        short status = Resolve(granter, mapper, reference, !readOnly, out uint mfn);
        if (status != GrantStatus.Okay) return status;
        uint replaced = mapper.Memory.PseudoToMachine[mapperFrame];
        var mapping = new GrantMapping(nextHandle++, mapper, granter, reference, mapperFrame, mfn, readOnly, replaced);
        mappings.Add(mapping);
        mapper.Memory.PseudoToMachine[mapperFrame] = mfn;
        mapper.Memory.SetReadOnly(mapperFrame, readOnly);
        mapper.AddressSpace.Map(mapperFrame << 12, mfn,
            readOnly ? AddressSpace.Access.UserReadOnly : AddressSpace.Access.UserReadWrite);
        granter.Grants.SetInUse(reference, readOnly ? GrantFlags.Reading : (ushort)(GrantFlags.Reading | GrantFlags.Writing), true);
        domains.TlbFlushNeeded = true;
        handle = mapping.Handle;
        return GrantStatus.Okay;
    }

    public void Unmap(GrantMapping m)
    {
        mappings.Remove(m);
        m.Mapper.Memory.PseudoToMachine[m.MapperFrame] = m.ReplacedFrame;
        m.Mapper.Memory.SetReadOnly(m.MapperFrame, false);
        if (m.ReplacedFrame == GuestMemory.NoFrame) m.Mapper.AddressSpace.Unmap(m.MapperFrame << 12);
        else m.Mapper.AddressSpace.Map(m.MapperFrame << 12, m.ReplacedFrame, AddressSpace.Access.UserReadWrite);
        if (!mappings.Exists(x => x.Granter == m.Granter && x.Reference == m.Reference))
            m.Granter.Grants.SetInUse(m.Reference, GrantFlags.Reading | GrantFlags.Writing, false);
        domains.TlbFlushNeeded = true;
    }

    /// <summary>Undoes every mapping a going domain made or granted.</summary>
    public void DomainGoing(Domain d)
    {
        foreach (var m in mappings.Where(m => m.Mapper == d || m.Granter == d).ToList()) Unmap(m);
    }

    public short Copy(Domain caller, CopySide source, CopySide dest, ushort length, Func<Domain, Domain, int> check)
    {
        if (source.Offset + length > 4096 || dest.Offset + length > 4096) return GrantStatus.BadCopyArg;
        short s = Locate(caller, source, write: false, check, out uint from);
        if (s != GrantStatus.Okay) return s;
        s = Locate(caller, dest, write: true, check, out uint to);
        if (s != GrantStatus.Okay) return s;
        var buffer = new byte[length];
        machine.TryRead((from << 12) + source.Offset, buffer);
        machine.TryWrite((to << 12) + dest.Offset, buffer);
        return GrantStatus.Okay;
    }

    short Locate(Domain caller, CopySide side, bool write, Func<Domain, Domain, int> check, out uint machineFrame)
    {
        machineFrame = 0;
        if (!side.IsGrantRef)
        {
            // A local frame: must be the caller's own page.
            if (side.Domid != Hypercalls.GuestStructs.DomidSelf && side.Domid != caller.Id) return GrantStatus.BadDomain;
            if (side.RefOrFrame >= (ulong)caller.Memory.PseudoToMachine.Length) return GrantStatus.BadPage;
            uint mfn = caller.Memory.PseudoToMachine[side.RefOrFrame];
            if (mfn == GuestMemory.NoFrame || frames.OwnerOf(mfn) != caller.Id) return GrantStatus.BadPage;
            machineFrame = mfn;
            return GrantStatus.Okay;
        }
        var granter = domains.Find(side.Domid);
        if (granter is null || granter == caller) return GrantStatus.BadDomain;
        if (check(caller, granter) != 0) return GrantStatus.PermissionDenied;
        if (side.RefOrFrame > uint.MaxValue) return GrantStatus.BadGntref;
        return Resolve(granter, caller, (uint)side.RefOrFrame, write, out machineFrame);
    }

}
