namespace Cloister.Hypervisor.Hypercalls;

/// <summary>Hypercall numbers (xen/include/public/xen.h), passed in r12.</summary>
public static class HypercallNumbers
{
    public const uint MemoryOp = 12, Multicall = 13, SetTimerOp = 15, XenVersion = 17, ConsoleIo = 18,
        GrantTableOp = 20, VcpuOp = 24, XsmOp = 27, SchedOp = 29, CallbackOp = 30, EventChannelOp = 32,
        PhysdevOp = 33, HvmOp = 34, Sysctl = 35, Domctl = 36;
}
