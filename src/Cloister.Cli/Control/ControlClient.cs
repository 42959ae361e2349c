using System.Net.Sockets;
using System.Text;

namespace Cloister.Cli.Control;

/// <summary>One request to a running instance's control socket: connect, send the line, read the
/// reply until the server closes the connection.</summary>
public static class ControlClient
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static ControlProtocol.Reply Send(string socketPath, string request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            socket.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
            socket.Send(Encoding.UTF8.GetBytes(request + "\n"));
            using var reply = new MemoryStream();
            var buffer = new byte[4096];
            int n;
            while ((n = socket.Receive(buffer)) > 0) reply.Write(buffer, 0, n);
            return ControlProtocol.Parse(Encoding.UTF8.GetString(reply.ToArray()));
        }
        catch (SocketException e)
        {
            throw new UsageException($"cannot talk to the instance at {socketPath}: {e.Message}", 1);
        }
    }
}
