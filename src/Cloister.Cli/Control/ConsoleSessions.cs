using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Cloister.Hypervisor.Control;
using Cloister.Hypervisor.Hypercalls;
using Cloister.Toolstack.Consoles;

namespace Cloister.Cli.Control;

/// <summary>
/// The instance's side of `xl console` (xenconsoled's client connections): a "console ID" request
/// keeps its connection, which from then on receives the domain's console output — its console
/// ring as the backend takes it, and its console_io output — and sends keyboard input into the
/// ring's input half. Sessions attach and are fed on the machine's thread (<see cref="Pump"/>,
/// between slices); a domain that goes ends its sessions.
/// </summary>
public sealed class ConsoleSessions : IDisposable
{
    static readonly TimeSpan AttachTimeout = TimeSpan.FromSeconds(30);
    readonly Dom0Services dom0;
    readonly ConsoleBackend backend;
    readonly ConcurrentQueue<Action> work = new();
    readonly List<ConsoleSession> sessions = []; // machine thread only
    bool watchingConsoleIo;
    volatile bool stopping;

    public ConsoleSessions(Dom0Services dom0, ConsoleBackend backend)
    {
        this.dom0 = dom0;
        this.backend = backend;
        backend.Output += Deliver;
        dom0.DomainGone += id =>
        {
            foreach (var s in sessions.Where(s => s.Domain == id).ToList())
            {
                s.End();
                sessions.Remove(s);
            }
        };
    }

    /// <summary>Attaches waiting sessions and moves typed bytes into the rings (machine thread).</summary>
    public void Pump()
    {
        while (work.TryDequeue(out var act)) act();
        bool sent = false;
        foreach (var s in sessions.ToList())
        {
            // What was typed before a detach still goes in.
            s.FeedInput((bytes, offset) =>
            {
                int n = backend.Input(s.Domain, bytes.AsSpan(offset));
                sent |= n > 0;
                return n;
            });
            if (s.Closed) sessions.Remove(s);
        }
        if (sent) dom0.SentFromHost();
    }

    /// <summary>A "console ID" connection (listener thread): served on a thread of its own.</summary>
    public void Accept(string argument, Socket client) =>
        new Thread(() => Serve(argument, client)) { IsBackground = true, Name = "xl console" }.Start();

    void Serve(string argument, Socket client)
    {
        if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out int domid))
        {
            Refuse(client, ControlProtocol.Error(Errno.EINVAL, $"'{argument}' is not a domain id"));
            return;
        }
        var session = new ConsoleSession(domid, client);
        var attached = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Enqueue(() => attached.TrySetResult(Attach(session)));
        string? refusal = attached.Task.Wait(AttachTimeout) ? attached.Task.Result
            : ControlProtocol.Error(ControlProtocol.Internal, "the machine did not answer in time");
        if (refusal is not null) { Refuse(client, refusal); return; }
        try { client.Send(Encoding.UTF8.GetBytes(ControlProtocol.Ok())); }
        catch (SocketException) { }
        session.Run();
    }

    static void Refuse(Socket client, string reply)
    {
        try { client.Send(Encoding.UTF8.GetBytes(reply)); }
        catch (SocketException) { }
        client.Dispose();
    }

    /// <summary>Machine thread: the domain must be one dom0 may list; null when attached, else the error reply.</summary>
    string? Attach(ConsoleSession s)
    {
        if (stopping) return ControlProtocol.Error(ControlProtocol.Internal, "the instance is stopping");
        if (dom0.ListDomains().All(d => d.Id != s.Domain))
            return ControlProtocol.Error(Errno.ESRCH, ControlProtocol.ErrorText(Errno.ESRCH));
        // The guests print with console_io as much as through their ring: xl console shows both.
        if (!watchingConsoleIo) watchingConsoleIo = dom0.WatchConsoleIo(Deliver) == 0;
        sessions.Add(s);
        return null;
    }

    void Deliver(int domid, byte[] bytes)
    {
        foreach (var s in sessions)
            if (s.Domain == domid) s.Send(bytes);
    }

    /// <summary>The run is over: every session ends, and requests still waiting are refused.</summary>
    public void Dispose()
    {
        stopping = true;
        while (work.TryDequeue(out var act)) act();
        foreach (var s in sessions.ToList()) s.End();
    }
}
