namespace Cloister.Arm.Jit;

/// <summary>Execution counts and translated blocks of one decoded ARM or Thumb page, indexed like
/// the page's Insn array. It lives exactly as long as that array (see <see cref="TranslationCache"/>).</summary>
internal sealed class TranslatedPage(int slots)
{
    public const int ArmSlots = 1024, ThumbSlots = 2048;
    public readonly ushort[] Counts = new ushort[slots];
    public readonly TranslatedBlock?[] Blocks = new TranslatedBlock?[slots];
}

/// <summary>
/// Translations keyed by the decoded page (the Insn array) they were made from. Blocks hold
/// pointers into that array, so they are dropped when the array is freed.
/// </summary>
internal sealed unsafe class TranslationCache
{
    readonly Dictionary<nint, TranslatedPage> pages = [];
    // A direct-mapped cache in front of the dictionary: chained blocks switch between a few pages
    // (caller and callee) on every call and return.
    const int CacheSize = 256;
    readonly nint[] cachedKeys = new nint[CacheSize];
    readonly TranslatedPage?[] cachedPages = new TranslatedPage?[CacheSize];

    static int Slot(nint key) => (int)(((nuint)key >> 12) ^ ((nuint)key >> 20)) & (CacheSize - 1);

    /// <summary>The translations of a decoded page of <paramref name="slots"/> instructions
    /// (ARM and Thumb pages are separate arrays, so the key says which).</summary>
    public TranslatedPage PageFor(Insn* decoded, int slots)
    {
        nint key = (nint)decoded;
        int slot = Slot(key);
        if (cachedKeys[slot] == key && cachedPages[slot] is { } cached) return cached;
        if (!pages.TryGetValue(key, out var page))
        {
            page = new TranslatedPage(slots);
            pages.Add(key, page);
        }
        cachedKeys[slot] = key;
        cachedPages[slot] = page;
        return page;
    }

    /// <summary>Called just before a decoded page is freed; its address may be reused.</summary>
    public void Forget(nint decoded)
    {
        pages.Remove(decoded);
        int slot = Slot(decoded);
        if (cachedKeys[slot] == decoded) { cachedKeys[slot] = 0; cachedPages[slot] = null; }
    }

    public int PageCount => pages.Count;
}
