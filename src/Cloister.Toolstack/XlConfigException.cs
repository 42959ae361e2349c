namespace Cloister.Toolstack;

/// <summary>A mistake in an xl.cfg file; the message names the file, the line and the key.</summary>
public sealed class XlConfigException(string message) : Exception(message);
