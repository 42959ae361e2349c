namespace Cloister.Hypervisor.Hypercalls;

/// <summary>set_timer_op (15): a 64-bit absolute system time in r0 (low) and r1 (high); 0 cancels.
/// A deadline already past fires at once. Expiry raises VIRQ_TIMER on the calling vCPU.</summary>
public sealed class SetTimerOp : IHypercall
{
    public uint Number => HypercallNumbers.SetTimerOp;

    public int Invoke(in HypercallContext call)
    {
        ulong deadline = ((ulong)call.A1 << 32) | call.A0;
        call.Vcpu.TimerDeadline = deadline == 0 ? null : Math.Max(deadline, 1);
        return 0;
    }
}
