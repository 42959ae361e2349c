using Cloister.Arm;

namespace Cloister.Hypervisor.Drivers;

/// <summary>
/// The hypervisor's driver for the ARM11 MPCore GIC: the distributor at +0x1000 of the private
/// region and the accessing CPU's interface at +0x100. Interrupts are numbered by GIC ID
/// (SPIs from 32); each is acknowledged through IAR and ended by writing the same value to EOIR.
/// </summary>
public sealed class GicDriver(IPhysicalBus bus, uint privateBase) : IInterruptController
{
    const uint CpuInterface = 0x100, Distributor = 0x1000;
    const uint CpuControl = 0x00, PriorityMask = 0x04, Iar = 0x0C, Eoir = 0x10;
    const uint DistControl = 0x000, SetEnable = 0x100, ClearEnable = 0x180, Priority = 0x400, Targets = 0x800, SoftwareInterrupt = 0xF00;
    const uint AllButSelf = 1u << 24; // SGIR target list filter
    const int Spurious = 1023;

    uint Cpu(uint reg) => privateBase + CpuInterface + reg;
    uint Dist(uint reg) => privateBase + Distributor + reg;

    public void Reset()
    {
        bus.Write(Dist(DistControl), 4, 0);
        for (uint i = 0; i < 8; i++) bus.Write(Dist(ClearEnable + 4 * i), 4, uint.MaxValue);
        bus.Write(Cpu(PriorityMask), 4, 0xF0); // every priority above the lowest gets through
        bus.Write(Cpu(CpuControl), 4, 1);
        bus.Write(Dist(DistControl), 4, 1);
    }

    public void Enable(int irq)
    {
        bus.Write(Dist(Priority + (uint)irq), 1, 0);
        if (irq >= 32) bus.Write(Dist(Targets + (uint)irq), 1, 1); // to CPU 0, the one running domains
        bus.Write(Dist(SetEnable + 4 * (uint)(irq / 32)), 4, 1u << (irq % 32));
    }

    public int Acknowledge(out uint token)
    {
        token = bus.Read(Cpu(Iar), 4, out uint v) ? v : Spurious;
        int id = (int)(token & 0x3FF);
        return id == Spurious ? -1 : id;
    }

    public void EndOfInterrupt(uint token) => bus.Write(Cpu(Eoir), 4, token);

    /// <summary>Raises software-generated interrupt <paramref name="sgi"/> on CPU <paramref name="cpu"/>.</summary>
    public void SendSgi(int cpu, int sgi) => bus.Write(Dist(SoftwareInterrupt), 4, (1u << (16 + cpu)) | (uint)sgi);

    /// <summary>Raises software-generated interrupt <paramref name="sgi"/> on every other CPU.</summary>
    public void SendSgiToOthers(int sgi) => bus.Write(Dist(SoftwareInterrupt), 4, AllButSelf | (uint)sgi);
}
