namespace Cloister.Arm;

/// <summary>Processor modes as encoded in CPSR[4:0].</summary>
public enum CpuMode : uint
{
    User = 0x10,
    Fiq = 0x11,
    Irq = 0x12,
    Supervisor = 0x13,
    Monitor = 0x16,
    Abort = 0x17,
    Undefined = 0x1B,
    System = 0x1F,
}
