using System.Net.Sockets;
using System.Text;
using Cloister.Cli.Machine;

namespace Cloister.Cli.Control;

/// <summary>
/// xl console DOMAIN (xenconsole's client): the domain's console output goes to stdout as it
/// comes, stdin goes to the domain — key by key from a terminal (raw mode), or whatever a pipe
/// holds. Ctrl+] (0x1d) detaches, as with xl; so does the domain's going. At the end of piped
/// input the console stays attached until the domain goes.
/// </summary>
public sealed partial class XlSession
{
    const byte DetachKey = 0x1d;

    int Console(string domain) => FindDomain(domain) is { } id ? AttachConsole(id, null) : Failure;

    /// <param name="attached">Run once the console is attached (xl create -c unpauses the new domain).</param>
    int AttachConsole(int domid, Action? attached)
    {
        var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            client.Connect(new UnixDomainSocketEndPoint(socket));
            client.Send(Encoding.UTF8.GetBytes($"console {domid}\n"));
            var first = ControlProtocol.Parse(ReadReplyLine(client) ?? "");
            if (first.Errno is { } e)
            {
                if (e == ControlProtocol.Internal) throw new UsageException(first.Message, Failure);
                stderr.WriteLine($"libxl: error: Domain {domid}:Unable to attach console: {ControlProtocol.ErrorText(e)}");
                return Failure;
            }
            attached?.Invoke();
            using var terminal = RawTerminal.Enter();
            var done = new ManualResetEventSlim();
            var output = new Thread(() => { CopyOutput(client); done.Set(); }) { IsBackground = true, Name = "xl console output" };
            output.Start();
            new Thread(() => { if (CopyInput(client)) done.Set(); }) { IsBackground = true, Name = "xl console input" }.Start();
            done.Wait();
            return 0;
        }
        catch (SocketException e)
        {
            throw new UsageException($"cannot talk to the instance at {socket}: {e.Message}", Failure);
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>The first reply line, byte by byte: what follows it is the console's stream.</summary>
    static string? ReadReplyLine(Socket client)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (client.Receive(one) == 1)
        {
            line.Add(one[0]);
            if (one[0] == '\n') return Encoding.UTF8.GetString([.. line]);
        }
        return line.Count > 0 ? Encoding.UTF8.GetString([.. line]) : null;
    }

    /// <summary>Console bytes to stdout until the instance closes the stream (the domain went).</summary>
    void CopyOutput(Socket client)
    {
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = client.Receive(buffer)) > 0)
            {
                stdout.Write(Encoding.Latin1.GetString(buffer, 0, n));
                stdout.Flush();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    /// <summary>stdin to the domain; true when Ctrl+] detached, false at the end of the input.</summary>
    bool CopyInput(Socket client)
    {
        // File descriptor 0 itself: on a terminal Console.OpenStandardInput() goes through .NET's
        // line editor, which echoes keys and holds them back until Enter.
        using var stdin = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false), FileAccess.Read, 1);
        var buffer = new byte[256];
        try
        {
            int n;
            while ((n = stdin.Read(buffer)) > 0)
            {
                int detach = Array.IndexOf(buffer, DetachKey, 0, n);
                client.Send(buffer.AsSpan(0, detach < 0 ? n : detach));
                if (detach >= 0) return true;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException) { }
        return false;
    }
}
