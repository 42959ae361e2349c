namespace Cloister.Arm;

/// <summary>How <see cref="ArmCpu"/> executes ARM-state code. The interpreter is the reference;
/// the translator must never behave differently from it.</summary>
public enum ExecutionEngine
{
    Interpreter,
    /// <summary>Hot basic blocks are compiled to IL (see Jit/); Thumb code is still interpreted.</summary>
    Translator,
}
