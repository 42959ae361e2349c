using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Cloister.Cli.Control;

/// <summary>
/// One attached `xl console` on the instance's side: a socket that receives the domain's console
/// output and sends what is typed. Two threads of its own move the bytes; the machine's thread
/// hands output in (<see cref="Send"/>) and takes input out (<see cref="FeedInput"/>).
/// </summary>
sealed class ConsoleSession(int domain, Socket socket)
{
    readonly BlockingCollection<byte[]> output = new();
    readonly ConcurrentQueue<byte[]> input = new();
    byte[]? partial;
    int partialOffset;
    volatile bool closed;

    public int Domain => domain;

    /// <summary>True once the client detached or the session ended.</summary>
    public bool Closed => closed;

    /// <summary>Output for the client (machine thread).</summary>
    public void Send(byte[] bytes)
    {
        try { if (!closed) output.Add(bytes); }
        catch (InvalidOperationException) { } // ended meanwhile
    }

    /// <summary>The domain went: what is queued still goes out, then the connection closes.</summary>
    public void End()
    {
        closed = true;
        output.CompleteAdding();
    }

    /// <summary>Hands typed bytes to <paramref name="put"/> (machine thread): it returns how many it
    /// took (the ring may be full: the rest waits for the next call), or -1 to drop them.</summary>
    public void FeedInput(Func<byte[], int, int> put)
    {
        while (partial is not null || input.TryDequeue(out partial))
        {
            int n = put(partial, partialOffset);
            if (n >= 0 && partialOffset + n < partial.Length)
            {
                partialOffset += n;
                return;
            }
            partial = null;
            partialOffset = 0;
        }
    }

    /// <summary>Runs the session until the client detaches or the domain goes (on the calling thread).</summary>
    public void Run()
    {
        var reader = new Thread(ReadInput) { IsBackground = true, Name = "xl console input" };
        reader.Start();
        try
        {
            foreach (var chunk in output.GetConsumingEnumerable()) socket.Send(chunk);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        closed = true;
        socket.Dispose();
    }

    void ReadInput()
    {
        var buffer = new byte[512];
        try
        {
            int n;
            while ((n = socket.Receive(buffer)) > 0) input.Enqueue(buffer[..n]);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        // The client closed its end: it detached.
        End();
    }
}
