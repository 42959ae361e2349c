using System.Collections.Concurrent;

namespace Cloister.Platform;

/// <summary>A thread-safe byte queue that a host reader thread (or a test) fills.</summary>
public sealed class QueueInput : IHostInput
{
    readonly ConcurrentQueue<byte> queue = new();
    readonly AutoResetEvent available = new(false);
    volatile bool ended;

    public WaitHandle DataAvailable => available;

    public bool Ended => ended && queue.IsEmpty;

    public void Enqueue(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes) queue.Enqueue(b);
        available.Set();
    }

    public void Enqueue(string text)
    {
        foreach (var c in text) queue.Enqueue((byte)c);
        available.Set();
    }

    public void End()
    {
        ended = true;
        available.Set();
    }

    public bool TryRead(out byte b) => queue.TryDequeue(out b);

    public bool ReadBlocking(out byte b, CancellationToken cancel)
    {
        while (true)
        {
            if (queue.TryDequeue(out b)) return true;
            if (ended) return false;
            if (cancel.IsCancellationRequested) return false;
            WaitHandle.WaitAny([available, cancel.WaitHandle], 100);
        }
    }

    /// <summary>Starts a background thread copying <paramref name="stream"/> into a new queue.</summary>
    public static QueueInput FromStream(Stream stream)
    {
        var q = new QueueInput();
        var t = new Thread(() =>
        {
            var buf = new byte[256];
            try
            {
                while (true)
                {
                    int n = stream.Read(buf, 0, buf.Length);
                    if (n <= 0) break;
                    q.Enqueue(buf.AsSpan(0, n));
                }
            }
            catch (IOException) { }
            catch (ObjectDisposedException) { }
            q.End();
        })
        { IsBackground = true, Name = "host input" };
        t.Start();
        return q;
    }
}
