namespace Cloister.Arm;

/// <summary>Instructions that raise exceptions or do nothing architecturally visible.</summary>
internal static unsafe class Miscellaneous
{
    public static void Undefined(ArmCpu c, Insn* d) => c.RaiseUndefined();
    public static void SupervisorCall(ArmCpu c, Insn* d) => c.RaiseSupervisorCall();
    public static void Breakpoint(ArmCpu c, Insn* d) => c.RaiseBreakpoint();
    /// <summary>PLD and other hints: no effect on an emulated memory system.</summary>
    public static void Nop(ArmCpu c, Insn* d) { }
}
