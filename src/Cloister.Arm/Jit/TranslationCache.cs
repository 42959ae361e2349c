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
    // The page the dispatcher used last: most lookups hit it.
    nint lastKey;
    TranslatedPage? lastPage;

    /// <summary>The translations of a decoded page of <paramref name="slots"/> instructions
    /// (ARM and Thumb pages are separate arrays, so the key says which).</summary>
    public TranslatedPage PageFor(Insn* decoded, int slots)
    {
        nint key = (nint)decoded;
        if (key == lastKey && lastPage != null) return lastPage;
        if (!pages.TryGetValue(key, out var page))
        {
            page = new TranslatedPage(slots);
            pages.Add(key, page);
        }
        lastKey = key;
        lastPage = page;
        return page;
    }

    /// <summary>Called just before a decoded page is freed; its address may be reused.</summary>
    public void Forget(nint decoded)
    {
        pages.Remove(decoded);
        if (lastKey == decoded) { lastKey = 0; lastPage = null; }
    }

    public int PageCount => pages.Count;
}
