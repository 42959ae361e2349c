namespace Cloister.Arm;

/// <summary>The ARM exception kinds, in vector order (vector offset = 4 × value, FIQ at 0x1C).</summary>
public enum ArmException
{
    Reset = 0,
    Undefined = 1,
    SupervisorCall = 2,
    PrefetchAbort = 3,
    DataAbort = 4,
    Irq = 6,
    Fiq = 7,
}

/// <summary>
/// Lets host code take an exception before the CPU vectors it: semihosting (SVC 0x123456) and the
/// hypervisor (whose "vector code" is C#) use this. Return true when the exception was handled and
/// the CPU should continue at <see cref="ArmCpu.Pc"/> as the hook left it.
/// </summary>
public interface IExceptionHook
{
    /// <param name="cpu">The CPU, with registers as they were when the exception was raised (PC = the
    /// instruction that raised it for synchronous exceptions, the next one to run for IRQ/FIQ).</param>
    /// <param name="kind">Which exception.</param>
    bool OnException(ArmCpu cpu, ArmException kind);
}
