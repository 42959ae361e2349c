namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// physdev_op (33): -ENOSYS for every sub-op, exactly as Xen 4.17 on ARM without PCI
/// (xen/arch/arm/physdev.c): no PIRQs, no I/O ports, no PCI devices to manage. Nothing is read
/// from the guest, so a bad argument pointer is -ENOSYS too.
/// </summary>
public sealed class PhysdevOp : IHypercall
{
    public uint Number => HypercallNumbers.PhysdevOp;

    public int Invoke(in HypercallContext call) => -Errno.ENOSYS;
}
