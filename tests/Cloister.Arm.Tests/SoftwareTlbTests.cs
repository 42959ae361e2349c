using Xunit;

namespace Cloister.Arm.Tests;

/// <summary>The software TLB's fast path compares an entry's tag with the access address masked by
/// page and alignment bits; an invalidated entry must never match, whatever the address.</summary>
public class SoftwareTlbTests
{
    static readonly uint[] AccessMasks = [0xFFFFF003, 0xFFFFF001, 0xFFFFF000]; // word, halfword, byte

    [Fact]
    public void An_invalid_entry_matches_no_access_of_any_size_at_any_address()
    {
        var rng = new Random(1);
        for (int i = 0; i < 200_000; i++)
        {
            uint va = i < 65536 ? (uint)i : (uint)rng.NextInt64(0, 1L << 32);
            foreach (uint mask in AccessMasks)
                Assert.NotEqual(TlbEntry.Invalid, va & mask);
        }
    }
}
