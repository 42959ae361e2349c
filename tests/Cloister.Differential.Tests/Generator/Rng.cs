namespace Cloister.Differential.Tests.Generator;

/// <summary>SplitMix64: a tiny generator whose sequence is fixed by this code alone, so a seed names the same
/// program on every .NET version and machine (System.Random makes no such promise).</summary>
public sealed class Rng(ulong seed)
{
    ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    /// <summary>Uniform in [0, bound).</summary>
    public int Next(int bound) => (int)((NextUInt64() >> 33) % (ulong)bound);

    /// <summary>Uniform in [min, max].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double probability) => (NextUInt64() >> 11) * (1.0 / (1UL << 53)) < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>One of the registers in <paramref name="candidates"/> that is not in <paramref name="excluded"/>.</summary>
    public int PickRegister(IReadOnlyList<int> candidates, params int[] excluded)
    {
        var allowed = candidates.Where(r => !excluded.Contains(r)).ToArray();
        return allowed[Next(allowed.Length)];
    }
}
