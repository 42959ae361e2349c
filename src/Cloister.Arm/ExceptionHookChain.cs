namespace Cloister.Arm;

/// <summary>Offers an exception to several hooks in order until one handles it (e.g. semihosting,
/// which a debugger or emulator provides, before the hypervisor, which is the board's software).</summary>
public sealed class ExceptionHookChain(params IExceptionHook?[] hooks) : IExceptionHook
{
    readonly IExceptionHook[] hooks = hooks.Where(h => h is not null).ToArray()!;

    public bool OnException(ArmCpu cpu, ArmException kind)
    {
        foreach (var h in hooks)
            if (h.OnException(cpu, kind)) return true;
        return false;
    }
}
