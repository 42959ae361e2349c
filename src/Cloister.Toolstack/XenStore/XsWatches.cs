namespace Cloister.Toolstack.XenStore;

/// <summary>
/// Watches (docs/misc/xenstore.txt, WATCH): a watch on a path fires for a change to that path or
/// any node below it, with the path as the watcher named it (relative paths stay relative) and the
/// watcher's token. The special paths @introduceDomain and @releaseDomain fire when domains come and go.
/// </summary>
public sealed class XsWatches
{
    public sealed record Watch(int Domain, string AbsolutePath, string GivenPath, string Token);

    readonly List<Watch> watches = [];

    public int CountFor(int domain) => watches.Count(w => w.Domain == domain);

    public bool Add(Watch w)
    {
        if (watches.Exists(x => x.Domain == w.Domain && x.GivenPath == w.GivenPath && x.Token == w.Token)) return false;
        watches.Add(w);
        return true;
    }

    public bool Remove(int domain, string givenPath, string token) =>
        watches.RemoveAll(x => x.Domain == domain && x.GivenPath == givenPath && x.Token == token) > 0;

    public void RemoveAll(int domain) => watches.RemoveAll(w => w.Domain == domain);

    /// <summary>The (watch, path to report) pairs a change of <paramref name="path"/> fires; with
    /// <paramref name="subtree"/> (a removal) watches below the path fire too.</summary>
    public IEnumerable<(Watch Watch, string Reported)> Matching(string path, bool subtree)
    {
        foreach (var w in watches.ToList())
        {
            bool under = path == w.AbsolutePath || IsBelow(path, w.AbsolutePath);
            bool above = subtree && IsBelow(w.AbsolutePath, path);
            if (!under && !above) continue;
            string reported = above ? w.AbsolutePath : path;
            if (w.GivenPath != w.AbsolutePath && !reported.StartsWith('@'))
                reported = reported[(w.AbsolutePath.Length - w.GivenPath.Length)..];
            yield return (w, reported);
        }
    }

    static bool IsBelow(string path, string ancestor) =>
        ancestor == "/" ? path.StartsWith('/') && path != "/" : path.StartsWith(ancestor + "/", StringComparison.Ordinal);
}
