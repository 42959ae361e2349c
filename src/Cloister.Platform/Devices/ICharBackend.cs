namespace Cloister.Platform.Devices;

/// <summary>Where a serial port's output goes (QEMU's chardev, output side).</summary>
public interface ICharBackend
{
    void Write(byte b);

    /// <summary>Pushes buffered output to the host (called by the run loop between slices).</summary>
    void Flush() { }
}

/// <summary>Discards output (-serial null, or an unconnected port).</summary>
public sealed class NullCharBackend : ICharBackend
{
    public static readonly NullCharBackend Instance = new();

    public void Write(byte b) { }
}

/// <summary>Raw bytes to a stream (stdout, a file).</summary>
public sealed class StreamCharBackend(Stream stream, bool autoFlush = false) : ICharBackend
{
    bool dirty;

    public void Write(byte b)
    {
        stream.WriteByte(b);
        if (autoFlush) stream.Flush();
        else dirty = true;
    }

    public void Flush()
    {
        if (!dirty) return;
        dirty = false;
        stream.Flush();
    }
}

/// <summary>Each byte as the char of the same value (0–255) to a TextWriter.</summary>
public sealed class TextWriterCharBackend(TextWriter writer) : ICharBackend
{
    public void Write(byte b) => writer.Write((char)b);

    public void Flush() => writer.Flush();
}

/// <summary>Collects output in memory (tests).</summary>
public sealed class BufferCharBackend : ICharBackend
{
    readonly List<byte> bytes = [];

    public void Write(byte b) => bytes.Add(b);

    public byte[] ToArray() => [.. bytes];

    public string Text => string.Concat(bytes.Select(b => (char)b));
}
