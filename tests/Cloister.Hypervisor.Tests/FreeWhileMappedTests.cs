using System.Buffers.Binary;
using Cloister.Hypervisor.Boot;
using Cloister.Hypervisor.Console;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Drivers;
using Cloister.Hypervisor.Grants;
using Cloister.Hypervisor.Hypercalls;
using Cloister.Hypervisor.Memory;
using Cloister.Hypervisor.Xsm;
using Cloister.Platform.Bus;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// A granter that gives back (add_to_physmap over it) a page another domain still maps through a
/// grant must not free its frame: freed, it was scrubbed under the mapper and handed to the next
/// allocation while the mapper could still read and write it (found by guests/hostile/memory and
/// accomplice). Xen keeps the page by reference count; Cloister refuses with -EBUSY.
/// </summary>
public class FreeWhileMappedTests
{
    const ushort DomidSelf = 0x7FF0;

    sealed class Two
    {
        readonly TestHost host = new(0x100000, ignoreTransactionFailures: true);
        public readonly MachineMemory Machine;
        public readonly FrameAllocator Frames;
        public readonly DomainManager Domains;
        public readonly GrantService Grants;
        public readonly MemoryOp MemoryOp;
        public readonly Domain Granter, Mapper;

        public Two()
        {
            Machine = host.Machine;
            Frames = host.Frames;
            Domains = host.Domains;
            Grants = new GrantService(Domains, Machine, Frames);
            MemoryOp = new MemoryOp(Domains, new XsmHooks(FlaskMode.Disabled, _ => { }), Grants);
            Granter = NewDomain(1);
            Mapper = NewDomain(2);
        }

        Domain NewDomain(int id)
        {
            var p2m = new uint[4];
            for (int i = 0; i < p2m.Length; i++) p2m[i] = Frames.Allocate(id)!.Value;
            var d = new Domain(id, $"d{id}", "", new GuestMemory(Machine, p2m), new AddressSpace(Machine, Frames))
            {
                Grants = new GrantTable(Machine),
                SharedInfoFrame = Frames.Allocate(FrameAllocator.Hypervisor)!.Value,
            };
            d.Grants.Grow(1, Frames);
            return d;
        }

        /// <summary>Entry <paramref name="reference"/> of the granter: permit_access to the mapper for page 1.</summary>
        public void GrantPage1(uint reference)
        {
            uint entry = (Granter.Grants.Frames[0] << 12) + reference * 8;
            Machine.Write32(entry + 4, 1);                               // frame = pseudo-physical page 1
            Machine.Write32(entry, (uint)Mapper.Id << 16 | 1);           // domid, GTF_permit_access
        }

        /// <summary>add_to_physmap(shared_info, gpfn 1) by the granter, its argument at page 0.</summary>
        public int GiveBackPage1()
        {
            Span<byte> a = stackalloc byte[24];
            BinaryPrimitives.WriteUInt16LittleEndian(a, DomidSelf);
            BinaryPrimitives.WriteUInt64LittleEndian(a[16..], 1);
            Assert.True(Granter.Memory.TryWrite(0, a));
            return MemoryOp.Invoke(new HypercallContext(new Vcpu(Granter, 0), 12, 7, 0, 0, 0, 0));
        }
    }

    /// <summary>The granter's page 1 holds 0x600D and is mapped by the mapper at its page 2.</summary>
    static (Two T, uint Frame, uint Handle) Page1Mapped()
    {
        var t = new Two();
        uint frame = t.Granter.Memory.PseudoToMachine[1];
        t.Machine.Write32(frame << 12, 0x600D);
        t.GrantPage1(8);
        Assert.Equal(GrantStatus.Okay, t.Grants.Map(t.Mapper, t.Granter, 8, 2, readOnly: false, out uint handle));
        return (t, frame, handle);
    }

    [Fact]
    public void A_page_another_domain_maps_cannot_be_given_back()
    {
        var (t, frame, _) = Page1Mapped();
        Assert.Equal(-Errno.EBUSY, t.GiveBackPage1());
        Assert.Equal(t.Granter.Id, t.Frames.OwnerOf(frame));
        Assert.True(t.Machine.TryRead32(frame << 12, out uint word));
        Assert.Equal(0x600Du, word);
    }

    [Fact]
    public void Once_unmapped_the_page_can_be_given_back_and_is_scrubbed()
    {
        var (t, frame, handle) = Page1Mapped();
        t.Grants.Unmap(t.Grants.Find(t.Mapper, handle)!);
        Assert.Equal(0, t.GiveBackPage1());
        Assert.Equal(FrameAllocator.Free, t.Frames.OwnerOf(frame));
        Assert.True(t.Machine.TryRead32(frame << 12, out uint word));
        Assert.Equal(0u, word);
    }
}
