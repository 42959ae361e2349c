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

    /// <summary>The highest closed port: the domain builder takes its ports from the top so that the
    /// ports a guest allocates itself still start at 1 (guests find the builder's ports through
    /// hvm_op get_param, never by number). Null when all are in use.</summary>
    public EventChannel? AllocateFromTop()
    {
        while (ports.Count < MaxPorts) ports.Add(new EventChannel(ports.Count));
        for (int p = MaxPorts - 1; p >= 1; p--)
            if (ports[p].State == ChannelState.Closed) return ports[p];
        return null;
    }

    /// <summary>The channel at a port the guest named, or null when the port is out of range or unused.</summary>
    public EventChannel? Get(uint port) =>
        port != 0 && port < ports.Count && ports[(int)port].State != ChannelState.Closed ? ports[(int)port] : null;

    public IEnumerable<EventChannel> Open => ports.Where(p => p.State != ChannelState.Closed);
}
