namespace Cloister.Flask.Model;

/// <summary>Labels of the initial SIDs and of the hardware resources Xen labels.</summary>
public sealed class ObjectContexts
{
    public List<(int Sid, SecurityContext Context)> InitialSids { get; } = [];
    public List<(uint Pirq, SecurityContext Context)> Pirqs { get; } = [];
    public List<(uint Low, uint High, SecurityContext Context)> IoPorts { get; } = [];
    public List<(ulong Low, ulong High, SecurityContext Context)> IoMem { get; } = [];
    public List<(uint Device, SecurityContext Context)> Devices { get; } = [];
    public List<(string Path, SecurityContext Context)> DeviceTree { get; } = [];

    public int Count => InitialSids.Count + Pirqs.Count + IoPorts.Count + IoMem.Count + Devices.Count + DeviceTree.Count;
}
