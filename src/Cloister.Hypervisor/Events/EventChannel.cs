namespace Cloister.Hypervisor.Events;

/// <summary>Channel states, numbered as EVTCHNSTAT_* in event_channel.h.</summary>
public enum ChannelState : uint
{
    Closed = 0,
    Unbound = 1,
    Interdomain = 2,
    Pirq = 3,
    Virq = 4,
    Ipi = 5,
}

/// <summary>One event channel port of one domain.</summary>
public sealed class EventChannel(int port)
{
    public int Port { get; } = port;
    public ChannelState State { get; set; }
    /// <summary>Unbound: the domain allowed to bind. Interdomain: the peer domain.</summary>
    public int RemoteDomain { get; set; }
    /// <summary>Interdomain: the peer's port.</summary>
    public int RemotePort { get; set; }
    public uint Virq { get; set; }
    /// <summary>The vCPU notified when the channel fires.</summary>
    public int NotifyVcpu { get; set; }
    /// <summary>The channel's FLASK label (from type_transition when it was created).</summary>
    public uint Sid { get; set; }

    public void Reset()
    {
        State = ChannelState.Closed;
        RemoteDomain = RemotePort = NotifyVcpu = 0;
        Virq = 0;
        Sid = 0;
    }
}
