namespace Cloister.Hypervisor.Events;

/// <summary>A domain's event channel ports (two-level ABI on ARM: 4096 ports; port 0 is never used).</summary>
public sealed class EventChannelTable
{
    public const int MaxPorts = 4096;
    readonly List<EventChannel> ports = [new EventChannel(0)];

    /// <summary>The lowest closed port, created when needed; null when all 4095 are in use.</summary>
    public EventChannel? Allocate()
    {
        for (int p = 1; p < ports.Count; p++)
            if (ports[p].State == ChannelState.Closed) return ports[p];
        if (ports.Count >= MaxPorts) return null;
        var channel = new EventChannel(ports.Count);
        ports.Add(channel);
        return channel;
    }

    /// <summary>The channel at a port the guest named, or null when the port is out of range or unused.</summary>
    public EventChannel? Get(uint port) =>
        port != 0 && port < ports.Count && ports[(int)port].State != ChannelState.Closed ? ports[(int)port] : null;

    public IEnumerable<EventChannel> Open => ports.Where(p => p.State != ChannelState.Closed);
}
