namespace Cloister.Arm;

/// <summary>How <see cref="ArmCpu"/> executes ARM-state code. The interpreter is the reference;
/// the translator must never behave differently from it.</summary>
public enum ExecutionEngine
{
    Interpreter,
    /// <summary>The default: hot basic blocks (ARM and Thumb) are compiled to IL (see Jit/),
    /// the rest is interpreted.</summary>
    Translator,
}
