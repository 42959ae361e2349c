namespace Cloister.Platform;

/// <summary>Bytes typed on the host, for a serial port or the semihosting console.</summary>
public interface IHostInput
{
    /// <summary>Takes one byte if one is waiting.</summary>
    bool TryRead(out byte b);

    /// <summary>Blocks until a byte arrives; false at end of input.</summary>
    bool ReadBlocking(out byte b, CancellationToken cancel);

    /// <summary>Signalled when input may be available (lets an idle machine sleep until then).</summary>
    WaitHandle DataAvailable { get; }
}
