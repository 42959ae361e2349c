using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Grants;
using Cloister.Hypervisor.Memory;
using Cloister.Hypervisor.Xsm;
using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// grant_table_op (20), v1: r0 = command, r1 = array of operation structures, r2 = count.
/// map_grant_ref maps another domain's granted page at a frame of the caller's pseudo-physical
/// space (host_addr, as on ARM), unmap_grant_ref undoes it, copy moves bytes between granted
/// and own pages without mapping, setup_table and query_size size the caller's own table.
/// Each operation's outcome is its status field; the hypercall fails only for bad arguments.
/// </summary>
public sealed class GrantTableOp(DomainManager domains, GrantService grants, XsmHooks xsm) : IHypercall
{
    const uint MapGrantRef = 0, UnmapGrantRef = 1, SetupTable = 2, Copy = 5, QuerySize = 6;
    const int MapSize = 32, UnmapSize = 24, SetupSize = 24, CopySize = 40, QuerySizeSize = 16;
    const uint MaxCount = 512;

    public uint Number => HypercallNumbers.GrantTableOp;

    public int Invoke(in HypercallContext call)
    {
        if (call.A2 > MaxCount) return -Errno.EINVAL;
        int size = call.A0 switch
        {
            MapGrantRef => MapSize, UnmapGrantRef => UnmapSize, SetupTable => SetupSize,
            Copy => CopySize, QuerySize => QuerySizeSize, _ => 0,
        };
        if (size == 0) return -Errno.ENOSYS;
        Span<byte> op = stackalloc byte[size];
        for (uint i = 0; i < call.A2; i++)
        {
            uint address = call.A1 + i * (uint)size;
            if (!Read(call, address, op)) return -Errno.EFAULT;
            switch (call.A0)
            {
                case MapGrantRef: Map(call, op); break;
                case UnmapGrantRef: Unmap(call, op); break;
                case SetupTable: if (!Setup(call, op)) return -Errno.EFAULT; break;
                case Copy: DoCopy(call, op); break;
                case QuerySize: Query(call, op); break;
            }
            if (!Write(call, address, op)) return -Errno.EFAULT;
        }
        return 0;
    }

    void Map(in HypercallContext call, Span<byte> op)
    {
        ulong hostAddr = U64(op, 0);
        uint flags = U32(op, 8), reference = U32(op, 12);
        ushort dom = U16(op, 16);
        var granter = domains.Find(dom);
        short status;
        uint handle = 0;
        if (granter is null || granter == call.Domain) status = GrantStatus.BadDomain;
        else if ((flags & GrantFlags.MapHost) == 0 || (hostAddr & 0xFFF) != 0 || hostAddr >= call.Domain.Memory.SizeBytes)
            status = GrantStatus.BadVirtAddr;
        else
        {
            bool readOnly = (flags & GrantFlags.MapReadOnly) != 0;
            int rc = xsm.GrantMap(call.Domain, granter, readOnly);
            status = rc != 0 ? GrantStatus.PermissionDenied
                : grants.Map(call.Domain, granter, reference, (uint)(hostAddr >> 12), readOnly, out handle);
        }
        Put16(op, 18, (ushort)status);
        Put32(op, 20, handle);
    }

    void Unmap(in HypercallContext call, Span<byte> op)
    {
        uint handle = U32(op, 16);
        var mapping = grants.Find(call.Domain, handle);
        short status;
        if (mapping is null || ((ulong)mapping.MapperFrame << 12) != U64(op, 0)) status = GrantStatus.BadHandle;
        else if (xsm.GrantUnmap(call.Domain, mapping.Granter) != 0) status = GrantStatus.PermissionDenied;
        else { grants.Unmap(mapping); status = GrantStatus.Okay; }
        Put16(op, 20, (ushort)status);
    }

    bool Setup(in HypercallContext call, Span<byte> op)
    {
        ushort dom = U16(op, 0);
        uint frames = U32(op, 4);
        short status;
        if (dom != DomidSelf && dom != call.Domain.Id) status = GrantStatus.BadDomain;
        else if (xsm.GrantSetup(call.Domain) != 0) status = GrantStatus.PermissionDenied;
        else if (!grants.Grow(call.Domain, (int)Math.Min(frames, int.MaxValue))) status = GrantStatus.GeneralError;
        else
        {
            // ARM guests map the frames with add_to_physmap; the list reports where each is mapped.
            ulong list = U64(op, 16);
            Span<byte> entry = stackalloc byte[8];
            for (int i = 0; i < frames; i++)
            {
                ulong gfn = grants.MappedAt(call.Domain, i) ?? ulong.MaxValue;
                BitConverter.TryWriteBytes(entry, gfn);
                if (!call.Domain.Memory.TryWrite((uint)(list + (ulong)i * 8), entry)) return false;
            }
            status = GrantStatus.Okay;
        }
        Put16(op, 8, (ushort)status);
        return true;
    }

    void Query(in HypercallContext call, Span<byte> op)
    {
        ushort dom = U16(op, 0);
        short status = GrantStatus.Okay;
        if (dom != DomidSelf && dom != call.Domain.Id) status = GrantStatus.BadDomain;
        else if (xsm.GrantQuery(call.Domain) != 0) status = GrantStatus.PermissionDenied;
        else
        {
            Put32(op, 4, (uint)call.Domain.Grants.Frames.Count);
            Put32(op, 8, GrantTable.MaxFrames);
        }
        Put16(op, 12, (ushort)status);
    }

    const ushort SourceGref = 1, DestGref = 2;

    void DoCopy(in HypercallContext call, Span<byte> op)
    {
        ushort flags = U16(op, 34), length = U16(op, 32);
        short status = grants.Copy(call.Domain,
            Side(op, 0, (flags & SourceGref) != 0), Side(op, 16, (flags & DestGref) != 0), length,
            (self, other) => xsm.GrantCopy(self, other));
        Put16(op, 36, (ushort)status);
    }

    static GrantService.CopySide Side(ReadOnlySpan<byte> op, int offset, bool isGref) =>
        new(isGref, U64(op, offset), U16(op, offset + 8), U16(op, offset + 10));
}
