namespace Cloister.Hypervisor.Events;

/// <summary>Which VIRQs are per-vCPU and which belong to the whole domain (Xen's virq_is_global;
/// the ARM arch VIRQs are global). Only a global VIRQ may be moved with EVTCHNOP_bind_vcpu.</summary>
public static class VirqScope
{
    const uint Timer = 0, Debug = 1, Xenoprof = 7, Xenpmu = 13;

    public static bool IsGlobal(uint virq) => virq is not (Timer or Debug or Xenoprof or Xenpmu);
}
