using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Cloister.Cli.Control;

/// <summary>
/// A running instance's control socket (docs/toolstack.md, "The control socket"). A listener
/// thread accepts one connection at a time, reads its request line and queues it; the machine's
/// thread executes queued requests between run slices (<see cref="Drain"/>), never concurrently
/// with the CPU, and the listener writes the reply back and closes the connection.
/// </summary>
public sealed class ControlServer : IDisposable
{
    // Room for `loadpolicy` with a policy image of Xen's largest size (64 MiB) in base64.
    const int MaxRequest = 90 << 20;
    static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(10), ReplyTimeout = TimeSpan.FromSeconds(30);

    sealed record Pending(string Line, TaskCompletionSource<string> Reply);

    readonly Socket listener;
    readonly ConcurrentQueue<Pending> queue = new();
    readonly Thread thread;
    readonly Func<string, string> execute;
    volatile bool closing;

    /// <param name="execute">Runs one request line on the machine's thread and returns the reply.</param>
    public ControlServer(string path, Func<string, string> execute)
    {
        Path = path;
        this.execute = execute;
        if (File.Exists(path)) File.Delete(path);
        listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(8);
        thread = new Thread(Serve) { IsBackground = true, Name = "cloister control" };
        thread.Start();
    }

    public string Path { get; }

    /// <summary>Takes a "console ID" connection over (its argument, the socket): it stays open for
    /// the console's byte stream instead of getting one reply.</summary>
    public Action<string, Socket>? ConsoleHandler { get; init; }

    /// <summary>Executes the queued requests (machine thread, between slices).</summary>
    public void Drain()
    {
        while (queue.TryDequeue(out var p))
        {
            string reply;
            try { reply = execute(p.Line); }
            catch (Exception e) { reply = ControlProtocol.Error(ControlProtocol.Internal, e.Message); }
            p.Reply.TrySetResult(reply);
        }
    }

    void Serve()
    {
        while (!closing)
        {
            Socket client;
            try { client = listener.Accept(); }
            catch (SocketException) { return; }
            catch (ObjectDisposedException) { return; }
            if (!Answer(client)) client.Dispose();
        }
    }

    /// <summary>Serves one connection; true when a console session took it over.</summary>
    bool Answer(Socket client)
    {
        try
        {
            client.ReceiveTimeout = (int)ClientTimeout.TotalMilliseconds;
            string? line = ReadLine(client);
            if (line is null) return false;
            if (ConsoleHandler is { } console && line.StartsWith("console ", StringComparison.Ordinal))
            {
                client.ReceiveTimeout = 0; // a console waits for keys as long as it likes
                console(line["console ".Length..].Trim(), client);
                return true;
            }
            var pending = new Pending(line, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
            queue.Enqueue(pending);
            string reply = pending.Reply.Task.Wait(ReplyTimeout) ? pending.Reply.Task.Result
                : ControlProtocol.Error(ControlProtocol.Internal, "the machine did not answer in time");
            client.Send(Encoding.UTF8.GetBytes(reply));
        }
        catch (SocketException) { } // the client went away: nothing to tell it
        return false;
    }

    /// <summary>The request line: the client sends one line and then waits, so reading in blocks
    /// cannot take bytes of anything else.</summary>
    static string? ReadLine(Socket client)
    {
        using var bytes = new MemoryStream();
        var block = new byte[65536];
        while (bytes.Length < MaxRequest)
        {
            int n = client.Receive(block);
            if (n == 0) break;
            int end = Array.IndexOf(block, (byte)'\n', 0, n);
            bytes.Write(block, 0, end < 0 ? n : end);
            if (end >= 0) return Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
        }
        return bytes.Length > 0 ? Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length) : null;
    }

    public void Dispose()
    {
        closing = true;
        listener.Dispose();
        // Requests still queued when the machine stopped get an answer rather than a timeout.
        while (queue.TryDequeue(out var p))
            p.Reply.TrySetResult(ControlProtocol.Error(ControlProtocol.Internal, "the instance is stopping"));
        thread.Join(TimeSpan.FromSeconds(2));
        try { File.Delete(Path); } catch (IOException) { }
    }
}
