namespace Cloister.Arm;

/// <summary>
/// One ARM core: registers, modes, exceptions, CP15, MMU and the execution engine.
/// It sees the world only through <see cref="IPhysicalBus"/>, its IRQ/FIQ inputs and
/// <see cref="IExceptionHook"/>; it knows nothing of boards.
/// </summary>
/// <remarks>
/// The class is split by concern into partial files: registers and modes (ArmCpu.Registers),
/// exceptions (ArmCpu.Exceptions), memory access and the software TLB (ArmCpu.Memory),
/// the run loop (ArmCpu.Run). Instruction semantics live in Instructions/, decoding in Decoders/.
/// </remarks>
public sealed unsafe partial class ArmCpu : IDisposable
{
    public ArmCpu(CpuModel model, IPhysicalBus bus)
    {
        Model = model;
        Bus = bus;
        InitMemory();
        Cp15 = new Cp15(this);
        Cp14 = new Cp14(this);
        Reset();
    }

    public CpuModel Model { get; }
    public IPhysicalBus Bus { get; }

    /// <summary>Host code that may take exceptions before they are vectored (semihosting, hypervisor).</summary>
    public IExceptionHook? ExceptionHook { get; set; }

    /// <summary>Where diagnostic lines go (one line per call, no newline), filtered by <see cref="LogMask"/>.</summary>
    public Action<string>? Log { get; set; }
    public LogFlags LogMask { get; set; }

    internal Cp15 Cp15 { get; }
    internal Cp14 Cp14 { get; }

    /// <summary>Instructions retired since the CPU was created; virtual time is derived from it.</summary>
    public long Executed;

    /// <summary>True while the core sleeps in wait-for-interrupt; <see cref="Run"/> returns at once.</summary>
    public bool WaitingForInterrupt { get; internal set; }

    /// <summary>Processor reset: SVC mode, IRQ/FIQ masked, ARM state, PC at the reset vector.</summary>
    public void Reset()
    {
        ResetRegisters();
        Cp15.Reset();
        Vfp.Reset(); // VFP: FPEXC.EN and FPSCR clear at reset
        OnPrivilegeOrStateChanged();
        FlushTlb();
        FlushDecodedCode();
        WaitingForInterrupt = false;
        Pc = Cp15.HighVectors ? 0xFFFF0000u : 0u;
    }

    public void Dispose() => FreeMemory();
}
