using Cloister.Hypervisor.Domains;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>One hypercall in flight: who made it and its register arguments (r0–r4).</summary>
public readonly record struct HypercallContext(Vcpu Vcpu, uint Number, uint A0, uint A1, uint A2, uint A3, uint A4)
{
    public Domain Domain => Vcpu.Domain;
}
