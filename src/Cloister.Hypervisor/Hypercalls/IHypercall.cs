namespace Cloister.Hypervisor.Hypercalls;

/// <summary>One hypercall's implementation; returns the value for r0 (negative errno on failure).</summary>
public interface IHypercall
{
    uint Number { get; }
    int Invoke(in HypercallContext call);
}
