namespace Cloister.Platform.Loaders;

/// <summary>The machine cannot be built or booted as asked (bad image, too little RAM...).
/// The message is one line, in QEMU's words where QEMU has some.</summary>
public sealed class BootException(string message) : Exception(message);
