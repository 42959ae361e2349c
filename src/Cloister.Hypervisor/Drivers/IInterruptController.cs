namespace Cloister.Hypervisor.Drivers;

/// <summary>
/// What the hypervisor needs from a board's interrupt controller: route a line to this CPU's
/// IRQ, take the highest pending interrupt, and say when it has been dealt with. The VIC and
/// the GIC drivers implement it; the machine descriptor says which one a board has.
/// </summary>
public interface IInterruptController
{
    /// <summary>Masks every line and brings the controller to a known state.</summary>
    void Reset();

    /// <summary>Unmasks <paramref name="irq"/> (the controller's own numbering) to this CPU.</summary>
    void Enable(int irq);

    /// <summary>The next pending interrupt's number, or -1 when none is pending. The returned
    /// token goes back to <see cref="EndOfInterrupt"/>.</summary>
    int Acknowledge(out uint token);

    void EndOfInterrupt(uint token);
}
