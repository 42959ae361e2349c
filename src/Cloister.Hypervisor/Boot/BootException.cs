namespace Cloister.Hypervisor.Boot;

/// <summary>The hypervisor cannot start: bad boot information, unknown machine, missing module.
/// The message is printed on the console as a panic line.</summary>
public sealed class BootException(string message) : Exception(message);
