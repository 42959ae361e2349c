namespace Cloister.Toolstack.Lifecycle;

/// <summary>
/// The configuration each live domain was built from, by domain id, as libxl keeps it for xl list
/// -l and for rebuilding the domain when its on_* action is restart. Used on the machine's thread.
/// </summary>
public sealed class DomainRegistry
{
    readonly Dictionary<int, DomainSpec> specs = [];

    /// <summary>The domains `cloister run` boots: ids 1, 2, ... in the order of their files.</summary>
    public static DomainRegistry ForBoot(IEnumerable<DomainSpec> specs)
    {
        var registry = new DomainRegistry();
        int id = 1;
        foreach (var s in specs) registry.Add(id++, s);
        return registry;
    }

    public void Add(int domid, DomainSpec spec) => specs[domid] = spec;

    public void Remove(int domid) => specs.Remove(domid);

    public DomainSpec? Find(int domid) => specs.GetValueOrDefault(domid);
}
