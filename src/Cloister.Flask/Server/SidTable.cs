using Cloister.Flask.Model;

namespace Cloister.Flask.Server;

/// <summary>Security identifiers: small numbers standing for contexts. Initial SIDs keep their fixed numbers.</summary>
internal sealed class SidTable
{
    /// <summary>First SID handed out for a new context, above every initial SID Xen defines.</summary>
    public const uint FirstDynamicSid = 128;
    /// <summary>A bound on live SIDs so a hostile caller cannot exhaust memory by creating contexts.</summary>
    public const int MaxSids = 1 << 20;

    readonly Dictionary<uint, SecurityContext> bySid = [];
    readonly Dictionary<SecurityContext, uint> byContext = [];
    uint next = FirstDynamicSid;

    public int Count => bySid.Count;
    public IEnumerable<KeyValuePair<uint, SecurityContext>> Entries => bySid;

    public void SetInitial(uint sid, SecurityContext c)
    {
        bySid[sid] = c;
        byContext.TryAdd(c, sid);
    }

    /// <summary>Keeps an existing SID number for a (re-mapped) context.</summary>
    public void Set(uint sid, SecurityContext c)
    {
        bySid[sid] = c;
        byContext.TryAdd(c, sid);
        if (sid >= next) next = sid + 1;
    }

    public bool TryGet(uint sid, out SecurityContext c) => bySid.TryGetValue(sid, out c);

    /// <summary>The SID of a context, created if new; 0 when the table is full.</summary>
    public uint GetOrAdd(SecurityContext c)
    {
        if (byContext.TryGetValue(c, out uint sid)) return sid;
        if (bySid.Count >= MaxSids) return 0;
        sid = next++;
        bySid[sid] = c;
        byContext[c] = sid;
        return sid;
    }
}
